package io.ovsworkers.core.internal.single;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of a key's list: the original's fields ({@code task_id}, {@code timestamp} and, in DEDUPED and CHAINED,
 * {@code kwargs}) plus its owner's {@code node} and its {@code lease_expires} instant. Fields it does not know are
 * kept, so that an entry passes through unchanged.
 */
final class Registration {
    static final String ID = "timestamp";
    static final String TASK_ID = "task_id";
    static final String ARGUMENTS = "kwargs";
    static final String NODE = "node";
    static final String LEASE = "lease_expires";

    private final Map<String, Object> fields;
    private final String canonicalArguments;

    Registration(Map<String, Object> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.canonicalArguments = Codec.canonical(arguments());
    }

    static Registration create(String id, String node, String taskId, Map<String, Object> arguments, Instant leaseExpires) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(ID, id);
        fields.put(NODE, node);
        fields.put(TASK_ID, taskId);
        fields.put(LEASE, leaseExpires.toString());
        if (arguments != null) {
            fields.put(ARGUMENTS, arguments);
        }
        return new Registration(fields);
    }

    Map<String, Object> fields() {
        return fields;
    }

    Optional<String> id() {
        return Optional.ofNullable(fields.get(ID)).map(String::valueOf);
    }

    boolean hasId(String id) {
        return id.equals(fields.get(ID));
    }

    Optional<String> node() {
        return Optional.ofNullable(fields.get(NODE)).map(String::valueOf);
    }

    Optional<String> taskId() {
        return Optional.ofNullable(fields.get(TASK_ID)).map(String::valueOf);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> arguments() {
        return fields.get(ARGUMENTS) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** Whether both compare as the same arguments: equal canonical JSON (D4). */
    boolean sameArguments(String canonical) {
        return canonicalArguments.equals(canonical);
    }

    /** The lease's end; empty for an entry of the original, which never expires, or one whose lease is unreadable. */
    Optional<Instant> leaseExpires() {
        Object lease = fields.get(LEASE);
        if (lease == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(String.valueOf(lease)));
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    boolean liveAt(Instant now) {
        return leaseExpires().map(end -> !now.isAfter(end)).orElse(true);
    }

    /** When it was registered, from the epoch seconds that start the original's id. */
    Optional<Instant> registeredAt() {
        return id().flatMap(id -> {
            int separator = id.indexOf('_');
            try {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(separator < 0 ? id : id.substring(0, separator))));
            } catch (NumberFormatException notOurs) {
                return Optional.empty();
            }
        });
    }

    Registration withLease(Instant leaseExpires) {
        Map<String, Object> renewed = new LinkedHashMap<>(fields);
        renewed.put(LEASE, leaseExpires.toString());
        return new Registration(renewed);
    }
}
