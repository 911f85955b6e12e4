package io.ovsworkers.arakoon.testserver;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The test server's own little-endian reply writer. */
final class ServerOut {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ServerOut int32(int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
        return this;
    }

    ServerOut int64(long v) {
        int32((int) v);
        return int32((int) (v >>> 32));
    }

    ServerOut float64(double v) {
        return int64(Double.doubleToLongBits(v));
    }

    ServerOut bool(boolean v) {
        out.write(v ? 1 : 0);
        return this;
    }

    ServerOut u8(int v) {
        out.write(v);
        return this;
    }

    ServerOut string(byte[] v) {
        int32(v.length);
        out.writeBytes(v);
        return this;
    }

    ServerOut string(String v) {
        return string(v.getBytes(StandardCharsets.UTF_8));
    }

    ServerOut option(byte[] v) {
        bool(v != null);
        return v == null ? this : string(v);
    }

    /** Writes the list back to front, as the OCaml server does for most replies. */
    ServerOut reversedList(List<byte[]> values) {
        int32(values.size());
        for (int i = values.size() - 1; i >= 0; i--) {
            string(values.get(i));
        }
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static byte[] ok() {
        return new ServerOut().int32(0).bytes();
    }

    static ServerOut okThen() {
        return new ServerOut().int32(0);
    }

    static byte[] error(int rc, byte[] message) {
        return new ServerOut().int32(rc).string(message).bytes();
    }

    static byte[] error(int rc, String message) {
        return error(rc, message.getBytes(StandardCharsets.UTF_8));
    }
}
