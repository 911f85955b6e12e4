package io.ovsworkers.api.locks;

import io.ovsworkers.api.Mode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One ensure-single registration: a call of the task that runs or waits for its turn.
 *
 * @param taskName the task
 * @param mode the mode whose key holds it ({@code ovs_ensure_single_<task>_<mode>})
 * @param position its place in the key's queue, from 0
 * @param id the registration's identity, the original's {@code <epoch seconds>_<10 random characters>}; empty for
 *           a DEFAULT registration of the original, which has none
 * @param node machine id of the owning node; empty for a registration written by the original (Python) framework
 * @param taskId the Celery task id of an asynchronous call; empty for an inline one
 * @param arguments the compared arguments (DEDUPED and CHAINED), as JSON values; empty for DEFAULT
 * @param registeredAt when it was registered, if its id tells
 * @param leaseExpires when it expires unless its owner renews it; empty for one that never expires (the original's)
 */
public record LockRegistration(String taskName, Mode mode, int position, Optional<String> id, Optional<String> node,
                               Optional<String> taskId, Map<String, Object> arguments, Optional<Instant> registeredAt,
                               Optional<Instant> leaseExpires) {
    public LockRegistration {
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(mode, "mode");
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** Whether its lease ran out at {@code now}: the next caller of the task removes it. */
    public boolean expiredAt(Instant now) {
        return leaseExpires.map(now::isAfter).orElse(false);
    }
}
