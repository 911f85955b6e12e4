package io.ovsworkers.api.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A task running on this node.
 *
 * @param id task id
 * @param name task name
 * @param args positional arguments, JSON shaped
 * @param kwargs keyword arguments, JSON shaped
 * @param startedAt when it started running
 * @param routingKey the routing key it was sent with, or null when sent to a queue by name
 * @param redelivered whether the broker delivered it before
 */
public record ActiveTask(String id, String name, List<Object> args, Map<String, Object> kwargs, Instant startedAt,
                         String routingKey, boolean redelivered) {
    public ActiveTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(startedAt, "startedAt");
        args = args == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args));
        kwargs = kwargs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(kwargs));
    }
}
