package io.ovsworkers.arakoon.testserver;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The test server's own little-endian request reader (independent of the client's codec). */
final class ServerIn {
    /** A request field the server cannot decode; {@code silent} says whether it closes without any reply. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private final InputStream in;

    ServerIn(InputStream in) {
        this.in = in;
    }

    byte[] raw(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException();
        }
        return b;
    }

    int int32() throws IOException {
        byte[] b = raw(4);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    long int64() throws IOException {
        return (int32() & 0xffffffffL) | (long) int32() << 32;
    }

    int u8() throws IOException {
        return raw(1)[0] & 0xff;
    }

    boolean bool() throws IOException, Malformed {
        int b = u8();
        if (b > 1) {
            throw new Malformed("bool byte " + b);
        }
        return b == 1;
    }

    byte[] string() throws IOException {
        return raw(int32());
    }

    byte[] option() throws IOException, Malformed {
        return bool() ? string() : null;
    }

    List<byte[]> list() throws IOException {
        int n = int32();
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(string());
        }
        return values;
    }

    /** -1 for Consistent, -2 for No_guarantees, else the at-least txid. */
    long consistency() throws IOException, Malformed {
        int tag = u8();
        return switch (tag) {
            case 0 -> -1;
            case 1 -> -2;
            case 2 -> int64();
            default -> throw new Malformed("consistency tag " + tag);
        };
    }
}
