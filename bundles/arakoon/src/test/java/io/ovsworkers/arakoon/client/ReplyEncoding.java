package io.ovsworkers.arakoon.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Writes a decoded reply value back into the bytes the server sends for it (result code 0, payload in wire order,
 * lists reversed where the server reverses them). Decoding a capture and re-encoding it must give the capture back;
 * that is how the tests check the client's list orders.
 */
final class ReplyEncoding {
    private ReplyEncoding() {
    }

    @SuppressWarnings("unchecked")
    static byte[] encode(int opcode, Object value) {
        WireWriter w = new WireWriter(64).int32(0);
        switch (opcode) {
            case Commands.PING, Commands.CURRENT_STATE -> w.string(((String) value).getBytes(StandardCharsets.UTF_8));
            case Commands.WHO_MASTER -> w.option(((Optional<String>) value).map(s -> s.getBytes(StandardCharsets.UTF_8))
                    .orElse(null));
            case Commands.EXISTS, Commands.EXPECT_PROGRESS_POSSIBLE -> w.bool((Boolean) value);
            case Commands.GET -> w.string((byte[]) value);
            case Commands.SET, Commands.DELETE, Commands.SEQUENCE, Commands.SYNCED_SEQUENCE, Commands.ASSERT,
                 Commands.ASSERT_EXISTS, Commands.CONFIRM, Commands.NOP -> {
                if (value != null) {
                    throw new AssertionError("no value expected for opcode " + opcode);
                }
            }
            case Commands.RANGE, Commands.PREFIX_KEYS, Commands.MULTI_GET -> {
                List<byte[]> list = (List<byte[]>) value;
                w.int32(list.size());
                for (int i = list.size() - 1; i >= 0; i--) {
                    w.string(list.get(i));
                }
            }
            case Commands.TEST_AND_SET, Commands.REPLACE, Commands.USER_FUNCTION ->
                    w.option(((Optional<byte[]>) value).orElse(null));
            case Commands.RANGE_ENTRIES, Commands.REV_RANGE_ENTRIES -> {
                List<KeyValue> list = (List<KeyValue>) value;
                w.int32(list.size());
                for (int i = list.size() - 1; i >= 0; i--) {
                    w.string(list.get(i).key()).string(list.get(i).value());
                }
            }
            case Commands.MULTI_GET_OPTION -> {
                List<Optional<byte[]>> list = (List<Optional<byte[]>>) value;
                w.int32(list.size());
                list.forEach(o -> w.option(o.orElse(null)));
            }
            case Commands.STATISTICS -> {
                WireWriter blob = new WireWriter(2048);
                tree(blob, (NamedValue) value);
                w.string(blob.toByteArray());
            }
            case Commands.GET_KEY_COUNT -> w.int64((Long) value);
            case Commands.DELETE_PREFIX -> w.int32((Integer) value);
            case Commands.VERSION -> {
                ArakoonVersion v = (ArakoonVersion) value;
                w.int32(v.major()).int32(v.minor()).int32(v.patch()).string(v.info().getBytes(StandardCharsets.UTF_8));
            }
            case Commands.GET_TXID -> w.consistency((Consistency) value);
            default -> throw new AssertionError("no reply encoding for opcode " + opcode);
        }
        return w.toByteArray();
    }

    private static void tree(WireWriter w, NamedValue node) {
        Object v = node.value();
        byte[] name = node.name().getBytes(StandardCharsets.UTF_8);
        if (v instanceof Integer i) {
            w.int32(1).string(name).int32(i);
        } else if (v instanceof Long l) {
            w.int32(2).string(name).int64(l);
        } else if (v instanceof Double d) {
            w.int32(3).string(name).int64(Double.doubleToRawLongBits(d));
        } else if (v instanceof String s) {
            w.int32(4).string(name).string(s.getBytes(StandardCharsets.UTF_8));
        } else {
            w.int32(5).string(name).int32(node.children().size());
            node.children().forEach(child -> tree(w, child));
        }
    }
}
