package io.ovsworkers.arakoon.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Encodes every client command of the 1.9 protocol and knows the shape (and list order) of each reply. */
final class Commands {
    static final int MAGIC = 0xB1FF0000;
    static final int PROTOCOL_VERSION = 1;

    static final int PING = 0x01;
    static final int WHO_MASTER = 0x02;
    static final int EXISTS = 0x07;
    static final int GET = 0x08;
    static final int SET = 0x09;
    static final int DELETE = 0x0a;
    static final int RANGE = 0x0b;
    static final int PREFIX_KEYS = 0x0c;
    static final int TEST_AND_SET = 0x0d;
    static final int RANGE_ENTRIES = 0x0f;
    static final int SEQUENCE = 0x10;
    static final int MULTI_GET = 0x11;
    static final int EXPECT_PROGRESS_POSSIBLE = 0x12;
    static final int STATISTICS = 0x13;
    static final int USER_FUNCTION = 0x15;
    static final int ASSERT = 0x16;
    static final int GET_KEY_COUNT = 0x1a;
    static final int CONFIRM = 0x1c;
    static final int REV_RANGE_ENTRIES = 0x23;
    static final int SYNCED_SEQUENCE = 0x24;
    static final int DELETE_PREFIX = 0x27;
    static final int VERSION = 0x28;
    static final int ASSERT_EXISTS = 0x29;
    static final int MULTI_GET_OPTION = 0x31;
    static final int CURRENT_STATE = 0x32;
    static final int REPLACE = 0x33;
    static final int NOP = 0x41;
    static final int GET_TXID = 0x43;

    private Commands() {
    }

    static byte[] prologue(String clusterId) {
        return new WireWriter(32).int32(MAGIC).int32(PROTOCOL_VERSION).string(utf8(clusterId)).toByteArray();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static WireWriter request(int opcode) {
        return new WireWriter(64).int32(MAGIC | opcode);
    }

    private static Command.Route readRoute(Consistency consistency) {
        return consistency instanceof Consistency.Consistent ? Command.Route.MASTER : Command.Route.ANY_NODE;
    }

    private static <T> Command<T> read(String name, WireWriter request, Consistency consistency,
                                       Command.ReplyReader<T> reader) {
        return new Command<>(name, request.toByteArray(), readRoute(consistency), true, reader);
    }

    private static <T> Command<T> write(String name, WireWriter request, boolean idempotent,
                                        Command.ReplyReader<T> reader) {
        return new Command<>(name, request.toByteArray(), Command.Route.MASTER, idempotent, reader);
    }

    private static <T> Command<T> node(String name, WireWriter request, Command.ReplyReader<T> reader) {
        return new Command<>(name, request.toByteArray(), Command.Route.THIS_NODE, true, reader);
    }

    private static final Command.ReplyReader<Void> NOTHING = in -> null;

    static Command<String> ping(String clientId, String clusterId) {
        return node("ping", request(PING).string(utf8(clientId)).string(utf8(clusterId)), WireReader::utf8);
    }

    static Command<Optional<String>> whoMaster() {
        return node("who_master", request(WHO_MASTER),
                in -> Optional.ofNullable(in.option()).map(b -> new String(b, StandardCharsets.UTF_8)));
    }

    static Command<Boolean> exists(Consistency c, byte[] key) {
        return read("exists", request(EXISTS).consistency(c).string(key), c, WireReader::bool);
    }

    static Command<byte[]> get(Consistency c, byte[] key) {
        return read("get", request(GET).consistency(c).string(key), c, WireReader::string);
    }

    static Command<Void> set(byte[] key, byte[] value) {
        return write("set", request(SET).string(key).string(value), true, NOTHING);
    }

    static Command<Void> delete(byte[] key) {
        return write("delete", request(DELETE).string(key), false, NOTHING);
    }

    /** The server sends the keys in descending order; this returns them ascending. */
    static Command<List<byte[]>> range(Consistency c, byte[] first, boolean firstInclusive, byte[] last,
                                       boolean lastInclusive, int max) {
        WireWriter w = request(RANGE).consistency(c).option(first).bool(firstInclusive).option(last)
                .bool(lastInclusive).int32(max);
        return read("range", w, c, in -> reversed(in.stringList()));
    }

    /** The server sends the keys in descending order; this returns them ascending. */
    static Command<List<byte[]>> prefixKeys(Consistency c, byte[] prefix, int max) {
        return read("prefix_keys", request(PREFIX_KEYS).consistency(c).string(prefix).int32(max), c,
                in -> reversed(in.stringList()));
    }

    /** Returns the value before the operation: the swap happened exactly when it equals {@code expected}. */
    static Command<Optional<byte[]>> testAndSet(byte[] key, byte[] expected, byte[] wanted) {
        return write("test_and_set", request(TEST_AND_SET).string(key).option(expected).option(wanted), false,
                in -> Optional.ofNullable(in.option()));
    }

    /** The server sends the entries in descending key order; this returns them ascending. */
    static Command<List<KeyValue>> rangeEntries(Consistency c, byte[] first, boolean firstInclusive, byte[] last,
                                                boolean lastInclusive, int max) {
        WireWriter w = request(RANGE_ENTRIES).consistency(c).option(first).bool(firstInclusive).option(last)
                .bool(lastInclusive).int32(max);
        return read("range_entries", w, c, in -> reversed(entries(in)));
    }

    /** {@code first} is the high bound; the server sends the entries ascending; this returns them descending. */
    static Command<List<KeyValue>> revRangeEntries(Consistency c, byte[] first, boolean firstInclusive, byte[] last,
                                                   boolean lastInclusive, int max) {
        WireWriter w = request(REV_RANGE_ENTRIES).consistency(c).option(first).bool(firstInclusive).option(last)
                .bool(lastInclusive).int32(max);
        return read("rev_range_entries", w, c, in -> reversed(entries(in)));
    }

    static Command<Void> sequence(List<Update> steps, boolean synced) {
        WireWriter blob = new WireWriter(256);
        Update.sequence(steps).encode(blob);
        int opcode = synced ? SYNCED_SEQUENCE : SEQUENCE;
        return write(synced ? "synced_sequence" : "sequence", request(opcode).string(blob.toByteArray()),
                SequenceCheck.idempotent(steps), NOTHING);
    }

    /** The server answers values in the reverse of the order the keys were sent; this returns them in key order. */
    static Command<List<byte[]>> multiGet(Consistency c, List<byte[]> keys) {
        return read("multi_get", request(MULTI_GET).consistency(c).stringList(keys), c,
                in -> reversed(in.stringList()));
    }

    /** The server answers in the order the keys were sent. */
    static Command<List<Optional<byte[]>>> multiGetOption(Consistency c, List<byte[]> keys) {
        return read("multi_get_option", request(MULTI_GET_OPTION).consistency(c).stringList(keys), c, in -> {
            int n = in.count();
            List<Optional<byte[]>> values = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
                values.add(Optional.ofNullable(in.option()));
            }
            return values;
        });
    }

    static Command<Boolean> expectProgressPossible() {
        return node("expect_progress_possible", request(EXPECT_PROGRESS_POSSIBLE), WireReader::bool);
    }

    static Command<NamedValue> statistics() {
        return node("statistics", request(STATISTICS), in -> Statistics.decode(in.string()));
    }

    static Command<Optional<byte[]>> userFunction(String name, byte[] argument) {
        return write("user_function", request(USER_FUNCTION).string(utf8(name)).option(argument), false,
                in -> Optional.ofNullable(in.option()));
    }

    static Command<Void> assertValue(Consistency c, byte[] key, byte[] expected) {
        return read("assert", request(ASSERT).consistency(c).string(key).option(expected), c, NOTHING);
    }

    static Command<Void> assertExists(Consistency c, byte[] key) {
        return read("assert_exists", request(ASSERT_EXISTS).consistency(c).string(key), c, NOTHING);
    }

    static Command<Long> getKeyCount() {
        return new Command<>("get_key_count", request(GET_KEY_COUNT).toByteArray(), Command.Route.MASTER, true,
                WireReader::int64);
    }

    static Command<Void> confirm(byte[] key, byte[] value) {
        return write("confirm", request(CONFIRM).string(key).string(value), true, NOTHING);
    }

    static Command<Integer> deletePrefix(byte[] prefix) {
        return write("delete_prefix", request(DELETE_PREFIX).string(prefix), true, WireReader::int32);
    }

    static Command<ArakoonVersion> version() {
        return node("version", request(VERSION),
                in -> new ArakoonVersion(in.int32(), in.int32(), in.int32(), in.utf8()));
    }

    static Command<String> currentState() {
        return node("current_state", request(CURRENT_STATE), WireReader::utf8);
    }

    static Command<Optional<byte[]>> replace(byte[] key, byte[] wanted) {
        return write("replace", request(REPLACE).string(key).option(wanted), false,
                in -> Optional.ofNullable(in.option()));
    }

    static Command<Void> nop() {
        return write("nop", request(NOP), true, NOTHING);
    }

    static Command<Consistency> getTxid() {
        return node("get_txid", request(GET_TXID), WireReader::consistency);
    }

    private static List<KeyValue> entries(WireReader in) throws java.io.IOException {
        int n = in.count();
        List<KeyValue> entries = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            entries.add(new KeyValue(in.string(), in.string()));
        }
        return entries;
    }

    private static <T> List<T> reversed(List<T> wireOrder) {
        Collections.reverse(wireOrder);
        return Collections.unmodifiableList(wireOrder);
    }
}
