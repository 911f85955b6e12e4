package io.ovsworkers.arakoon.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads Arakoon's little-endian encoding field by field from a stream; replies carry no overall length. */
final class WireReader {
    /** Larger than any value or blob a 1.9 server sends (its buffer limit is 32 MiB); guards against garbage. */
    static final int MAX_STRING_LENGTH = 256 * 1024 * 1024;

    private final InputStream in;
    private final byte[] scratch = new byte[8];

    WireReader(InputStream in) {
        this.in = in;
    }

    private void readFully(byte[] target, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(target, done, length - done);
            if (n < 0) {
                throw new EOFException("connection closed after " + done + " of " + length + " bytes");
            }
            done += n;
        }
    }

    int int32() throws IOException {
        readFully(scratch, 4);
        return (scratch[0] & 0xff) | (scratch[1] & 0xff) << 8 | (scratch[2] & 0xff) << 16 | (scratch[3] & 0xff) << 24;
    }

    long int64() throws IOException {
        long low = int32() & 0xffffffffL;
        long high = int32() & 0xffffffffL;
        return high << 32 | low;
    }

    double float64() throws IOException {
        return Double.longBitsToDouble(int64());
    }

    int unsignedByte() throws IOException {
        readFully(scratch, 1);
        return scratch[0] & 0xff;
    }

    boolean bool() throws IOException {
        int b = unsignedByte();
        if (b > 1) {
            throw new ArakoonProtocolException("bool byte 0x" + Integer.toHexString(b) + " is neither 0 nor 1");
        }
        return b == 1;
    }

    byte[] string() throws IOException {
        int length = int32();
        if (length < 0 || length > MAX_STRING_LENGTH) {
            throw new ArakoonProtocolException("string length " + length + " is out of range");
        }
        byte[] value = new byte[length];
        readFully(value, length);
        return value;
    }

    String utf8() throws IOException {
        return new String(string(), StandardCharsets.UTF_8);
    }

    byte[] option() throws IOException {
        return bool() ? string() : null;
    }

    int count() throws IOException {
        int n = int32();
        if (n < 0) {
            throw new ArakoonProtocolException("list length " + n + " is negative");
        }
        return n;
    }

    /** A list exactly in wire order. */
    List<byte[]> stringList() throws IOException {
        int n = count();
        List<byte[]> values = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            values.add(string());
        }
        return values;
    }

    Consistency consistency() throws IOException {
        int tag = unsignedByte();
        return switch (tag) {
            case 0 -> Consistency.CONSISTENT;
            case 1 -> Consistency.NO_GUARANTEES;
            case 2 -> Consistency.atLeast(int64());
            default -> throw new ArakoonProtocolException("consistency tag 0x" + Integer.toHexString(tag) + " is unknown");
        };
    }
}
