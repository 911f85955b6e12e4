package io.ovsworkers.spi;

import java.util.Arrays;
import java.util.Objects;

/** One step of a {@link KeyValueStore#commit(java.util.List) transaction}: an assertion or an update. */
public sealed interface KeyValueOperation {

    String key();

    /** Holds when the key's value equals {@code expected}, or the key is absent when {@code expected} is null. */
    record AssertValue(String key, byte[] expected) implements KeyValueOperation {
        public AssertValue {
            Objects.requireNonNull(key, "key");
            expected = expected == null ? null : expected.clone();
        }

        @Override
        public byte[] expected() {
            return expected == null ? null : expected.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AssertValue a && key.equals(a.key) && Arrays.equals(expected, a.expected);
        }

        @Override
        public int hashCode() {
            return 31 * key.hashCode() + Arrays.hashCode(expected);
        }
    }

    /** Holds when the key exists. */
    record AssertExists(String key) implements KeyValueOperation {
        public AssertExists {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Sets the key. */
    record Set(String key, byte[] value) implements KeyValueOperation {
        public Set {
            Objects.requireNonNull(key, "key");
            value = Objects.requireNonNull(value, "value").clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Set s && key.equals(s.key) && Arrays.equals(value, s.value);
        }

        @Override
        public int hashCode() {
            return 31 * key.hashCode() + Arrays.hashCode(value);
        }
    }

    /** Deletes the key, which must exist (as in Arakoon: deleting an absent key fails the transaction). */
    record Delete(String key) implements KeyValueOperation {
        public Delete {
            Objects.requireNonNull(key, "key");
        }
    }
}
