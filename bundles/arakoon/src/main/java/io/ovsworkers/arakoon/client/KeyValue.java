package io.ovsworkers.arakoon.client;

import java.util.Arrays;
import java.util.Objects;

/** One entry of a range: a key and its value, both raw bytes. */
public record KeyValue(byte[] key, byte[] value) {
    public KeyValue {
        key = Objects.requireNonNull(key, "key").clone();
        value = Objects.requireNonNull(value, "value").clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyValue kv && Arrays.equals(key, kv.key) && Arrays.equals(value, kv.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "KeyValue[" + Bytes.describe(key) + "=" + Bytes.describe(value) + "]";
    }
}
