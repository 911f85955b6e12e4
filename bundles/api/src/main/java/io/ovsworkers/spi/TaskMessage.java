package io.ovsworkers.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A task message in the terms of Celery's protocol v2. Arguments and extra headers hold JSON-shaped values
 * only (maps, lists, strings, numbers, booleans, null).
 *
 * @param id task id (Celery {@code id}, also the correlation id)
 * @param task task name
 * @param args positional arguments
 * @param kwargs keyword arguments
 * @param routingKey routing key on the task exchange; null when sent to {@link #queue()} directly
 * @param queue queue to deliver to directly, or null to route by key
 * @param eta earliest instant to run, or null
 * @param expires instant after which the task must not run, or null
 * @param retries how often the task was retried
 * @param replyTo queue results go to (Celery's rpc backend), or null
 * @param headers the other Celery headers and properties, kept so that a message passes through unchanged
 */
public record TaskMessage(String id, String task, List<Object> args, Map<String, Object> kwargs, String routingKey,
                          String queue, Instant eta, Instant expires, int retries, String replyTo,
                          Map<String, Object> headers) {

    public TaskMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(task, "task");
        args = args == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args));
        kwargs = kwargs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(kwargs));
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        if (routingKey == null && queue == null) {
            throw new IllegalArgumentException("Task message " + id + " for '" + task + "' has neither a routing key nor a queue");
        }
    }

    public Optional<Instant> etaInstant() {
        return Optional.ofNullable(eta);
    }

    public Optional<Instant> expiresInstant() {
        return Optional.ofNullable(expires);
    }

    /** Whether the message expired at {@code now}. */
    public boolean expiredAt(Instant now) {
        return expires != null && now.isAfter(expires);
    }
}
