package io.ovsworkers.spi;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A consistent, durable key-value store with Arakoon's guarantees: every write is durable when the call returns,
 * {@link #compareAndSet} and {@link #commit} are atomic, and reads see every completed write.
 */
@ProviderType
public interface KeyValueStore {

    Optional<byte[]> get(String key);

    void set(String key, byte[] value);

    /** Deletes the key; returns whether it existed. */
    boolean delete(String key);

    /**
     * Atomically replaces the value when the current one equals {@code expected}.
     *
     * @param expected the value required now, or null to require that the key is absent
     * @param update the new value, or null to delete the key
     * @return whether the value matched and was replaced
     */
    boolean compareAndSet(String key, byte[] expected, byte[] update);

    /** Keys starting with the prefix, in ascending byte order, at most {@code max} of them. */
    List<String> keys(String prefix, int max);

    /**
     * Applies the operations all or nothing, in order.
     *
     * @return true when applied; false when an assertion did not hold or a deleted key was absent (nothing applied)
     */
    boolean commit(List<KeyValueOperation> operations);
}
