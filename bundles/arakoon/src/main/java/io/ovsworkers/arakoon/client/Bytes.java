package io.ovsworkers.arakoon.client;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/** Keys and values are raw bytes; this renders them readably for messages. */
final class Bytes {
    private static final int SHOWN = 64;

    private Bytes() {
    }

    static String describe(byte[] value) {
        if (value == null) {
            return "None";
        }
        if (value.length > SHOWN) {
            return "<" + value.length + " bytes>";
        }
        try {
            return '"' + StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString() + '"';
        } catch (CharacterCodingException e) {
            return "hex:" + HexFormat.of().formatHex(value);
        }
    }

    static int compareUnsigned(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    static boolean startsWith(byte[] value, byte[] prefix) {
        return value.length >= prefix.length
                && Arrays.equals(value, 0, prefix.length, prefix, 0, prefix.length);
    }
}
