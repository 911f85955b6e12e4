package io.ovsworkers.core.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.ovsworkers.spi.KeyValueStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revoked task ids under {@value #PREFIX}{@code <task id>} in the key-value store, each with its expiry, so that every
 * node sees them and they survive restarts. Without a store they are kept in this node's memory only.
 */
final class RevokedTasks {
    static final String PREFIX = "ovs_revoked_";
    private static final Logger LOG = LoggerFactory.getLogger(RevokedTasks.class);

    private final Supplier<KeyValueStore> store;
    private final Clock clock;
    private final Map<String, Instant> local = new ConcurrentHashMap<>();

    RevokedTasks(Supplier<KeyValueStore> store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void add(String taskId, Duration keptFor) {
        Instant expires = clock.instant().plus(keptFor);
        local.put(taskId, expires);
        KeyValueStore kv = store.get();
        if (kv == null) {
            LOG.warn("No key-value store: the revocation of task {} is known to this node only, until it restarts", taskId);
            return;
        }
        try {
            kv.set(PREFIX + taskId, Json.MAPPER.writeValueAsBytes(Map.of("expires", expires.toEpochMilli() / 1000.0)));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode the revocation of " + taskId, e);
        }
    }

    boolean contains(String taskId) {
        Instant now = clock.instant();
        Instant expires = local.get(taskId);
        if (expires == null) {
            expires = stored(taskId).orElse(null);
        }
        return expires != null && now.isBefore(expires);
    }

    List<String> ids(int max) {
        Instant now = clock.instant();
        List<String> ids = new ArrayList<>();
        KeyValueStore kv = store.get();
        if (kv != null) {
            for (String key : kv.keys(PREFIX, max)) {
                String id = key.substring(PREFIX.length());
                if (contains(id)) {
                    ids.add(id);
                }
            }
        } else {
            local.forEach((id, expires) -> {
                if (now.isBefore(expires) && ids.size() < max) {
                    ids.add(id);
                }
            });
        }
        return ids;
    }

    /** The stored expiry; an expired entry is deleted on the way. */
    private Optional<Instant> stored(String taskId) {
        KeyValueStore kv = store.get();
        if (kv == null) {
            return Optional.empty();
        }
        Optional<byte[]> value = kv.get(PREFIX + taskId);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Object seconds;
        try {
            seconds = Json.MAPPER.readValue(value.get(), new TypeReference<Map<String, Object>>() { }).get("expires");
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable revocation {}{}", PREFIX, taskId, e);
            return Optional.empty();
        }
        if (!(seconds instanceof Number epochSeconds)) {
            LOG.warn("Ignoring revocation {}{} without a numeric 'expires'", PREFIX, taskId);
            return Optional.empty();
        }
        Instant expires = Instant.ofEpochMilli(Math.round(epochSeconds.doubleValue() * 1000));
        if (!clock.instant().isBefore(expires)) {
            kv.compareAndSet(PREFIX + taskId, value.get(), null);
        }
        return Optional.of(expires);
    }
}
