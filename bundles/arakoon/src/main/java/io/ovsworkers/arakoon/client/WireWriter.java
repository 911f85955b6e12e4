package io.ovsworkers.arakoon.client;

import java.util.Arrays;
import java.util.List;

/** Builds a request in Arakoon's little-endian encoding. */
final class WireWriter {
    private byte[] buffer;
    private int size;

    WireWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }

    WireWriter int32(int value) {
        ensure(4);
        buffer[size++] = (byte) value;
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 24);
        return this;
    }

    WireWriter int64(long value) {
        int32((int) value);
        return int32((int) (value >>> 32));
    }

    WireWriter bool(boolean value) {
        ensure(1);
        buffer[size++] = (byte) (value ? 1 : 0);
        return this;
    }

    WireWriter bytes(byte[] raw) {
        ensure(raw.length);
        System.arraycopy(raw, 0, buffer, size, raw.length);
        size += raw.length;
        return this;
    }

    WireWriter string(byte[] value) {
        int32(value.length);
        return bytes(value);
    }

    WireWriter option(byte[] value) {
        bool(value != null);
        return value == null ? this : string(value);
    }

    WireWriter stringList(List<byte[]> values) {
        int32(values.size());
        values.forEach(this::string);
        return this;
    }

    WireWriter consistency(Consistency consistency) {
        ensure(1);
        buffer[size++] = consistency.tag();
        if (consistency instanceof Consistency.AtLeast atLeast) {
            int64(atLeast.txid());
        }
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }
}
