package io.ovsworkers.arakoon.testserver;

import io.ovsworkers.arakoon.testserver.ArakoonTestCluster.Node;
import io.ovsworkers.arakoon.testserver.ArakoonTestCluster.Reply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The test server's command handlers, following Arakoon 1.9.25 as the vectors and FINDINGS.md describe it. */
final class ServerCommands {
    static final String VERSION_INFO = "revision: \"java test double\"\ncompiled: \"-\"\nmachine: \"jvm\"\n";
    private static final String NOT_FRESH = "store not fresh enough";
    private static final Reply UNKNOWN_FAILURE_CLOSE = Reply.error(0xff, "unknown failure");

    private ServerCommands() {
    }

    /** A sequence step failed: its result code and message. */
    private static final class StepFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final int rc;
        final byte[] message;

        StepFailure(int rc, byte[] message) {
            super(null, null, false, false);
            this.rc = rc;
            this.message = message;
        }
    }

    /** A user-function step: the 1.9 server dies applying it (FINDINGS A2). */
    private static final class Poison extends Exception {
        private static final long serialVersionUID = 1L;

        Poison() {
            super(null, null, false, false);
        }
    }

    static Reply handle(ArakoonTestCluster c, Node node, int code, ServerIn in) throws IOException {
        try {
            return dispatch(c, node, code, in);
        } catch (ServerIn.Malformed e) {
            // commands that decode their arguments inside the error handler answer 0xff; the rest just close
            boolean inHandler = code == 0x01 || code == 0x0d || code == 0x33 || code == 0x27 || code == 0x10
                    || code == 0x24;
            return inHandler ? UNKNOWN_FAILURE_CLOSE : Reply.silentClose();
        }
    }

    private static Reply dispatch(ArakoonTestCluster c, Node node, int code, ServerIn in)
            throws IOException, ServerIn.Malformed {
        switch (code) {
            case 0x01 -> {
                in.string();
                byte[] clusterId = in.string();
                if (!Arrays.equals(clusterId, c.clusterId.getBytes(StandardCharsets.UTF_8))) {
                    return UNKNOWN_FAILURE_CLOSE;
                }
                return Reply.ok(ServerOut.okThen().string("Arakoon 1.9.25").bytes());
            }
            case 0x02 -> {
                String m = c.quorumLost ? null : c.nodes.size() == 1 ? node.name : c.master;
                return Reply.ok(ServerOut.okThen().option(m == null ? null : utf8(m)).bytes());
            }
            case 0x07 -> {
                long cons = in.consistency();
                byte[] key = in.string();
                return read(c, node, cons, () -> Reply.ok(ServerOut.okThen().bool(c.store.containsKey(key)).bytes()));
            }
            case 0x08 -> {
                long cons = in.consistency();
                byte[] key = in.string();
                return read(c, node, cons, () -> {
                    byte[] v = c.store.get(key);
                    return v == null ? Reply.error(5, "Not_found") : Reply.ok(ServerOut.okThen().string(v).bytes());
                });
            }
            case 0x09 -> {
                byte[] key = in.string();
                byte[] value = in.string();
                return write(c, node, () -> {
                    if (value.length >= c.maxValueSize) {
                        return UNKNOWN_FAILURE_CLOSE;
                    }
                    c.store.put(key, value);
                    c.txid++;
                    return Reply.ok(ServerOut.ok());
                });
            }
            case 0x0a -> {
                byte[] key = in.string();
                return write(c, node, () -> {
                    c.txid++;
                    return c.store.remove(key) == null ? Reply.error(5, key) : Reply.ok(ServerOut.ok());
                });
            }
            case 0x0b, 0x0f -> {
                long cons = in.consistency();
                byte[] first = in.option();
                boolean firstInclusive = in.bool();
                byte[] last = in.option();
                boolean lastInclusive = in.bool();
                int max = in.int32();
                return read(c, node, cons, () -> {
                    List<byte[]> keys = ascending(c, first, firstInclusive, last, lastInclusive, max);
                    return Reply.ok(code == 0x0b ? ServerOut.okThen().reversedList(keys).bytes() : entries(c, keys));
                });
            }
            case 0x0c -> {
                long cons = in.consistency();
                byte[] prefix = in.string();
                int max = in.int32();
                return read(c, node, cons, () -> Reply.ok(ServerOut.okThen().reversedList(withPrefix(c, prefix, max)).bytes()));
            }
            case 0x0d -> {
                byte[] key = in.string();
                byte[] expected = in.option();
                byte[] wanted = in.option();
                return write(c, node, () -> {
                    if (wanted != null && wanted.length >= c.maxValueSize) {
                        return UNKNOWN_FAILURE_CLOSE;
                    }
                    byte[] current = c.store.get(key);
                    if (Arrays.equals(current, expected)) {
                        put(c, key, wanted);
                    }
                    c.txid++;
                    return Reply.ok(ServerOut.okThen().option(current).bytes());
                });
            }
            case 0x10, 0x24 -> {
                byte[] blob = in.string();
                return sequence(c, node, blob);
            }
            case 0x11 -> {
                long cons = in.consistency();
                List<byte[]> keys = in.list();
                return read(c, node, cons, () -> {
                    List<byte[]> values = new ArrayList<>();
                    for (int i = keys.size() - 1; i >= 0; i--) {
                        byte[] v = c.store.get(keys.get(i));
                        if (v == null) {
                            return Reply.error(5, keys.get(i));
                        }
                        values.add(v);
                    }
                    // values now hold the keys back to front; the server writes them in that order
                    ServerOut out = ServerOut.okThen().int32(values.size());
                    values.forEach(out::string);
                    return Reply.ok(out.bytes());
                });
            }
            case 0x12 -> {
                return Reply.ok(ServerOut.okThen().bool(!c.quorumLost).bytes());
            }
            case 0x13 -> {
                return Reply.ok(ServerOut.okThen().string(statistics(c, node)).bytes());
            }
            case 0x15 -> {
                String name = new String(in.string(), StandardCharsets.UTF_8);
                byte[] argument = in.option();
                var function = c.userFunctions.get(name);
                if (function == null) {
                    return Reply.error(0x26, "User function \"" + name + "\" could not be found");
                }
                return write(c, node, () -> {
                    c.txid++;
                    return Reply.ok(ServerOut.okThen().option(function.apply(argument)).bytes());
                });
            }
            case 0x16 -> {
                long cons = in.consistency();
                byte[] key = in.string();
                byte[] expected = in.option();
                return read(c, node, cons, () -> Arrays.equals(c.store.get(key), expected)
                        ? Reply.ok(ServerOut.ok()) : Reply.error(7, key));
            }
            case 0x1a -> {
                return read(c, node, -1, () -> Reply.ok(ServerOut.okThen().int64(c.store.size()).bytes()));
            }
            case 0x1c -> {
                byte[] key = in.string();
                byte[] value = in.string();
                return write(c, node, () -> {
                    if (value.length >= c.maxValueSize) {
                        return UNKNOWN_FAILURE_CLOSE;
                    }
                    if (!Arrays.equals(c.store.get(key), value)) {
                        c.store.put(key, value);
                        c.txid++;
                    }
                    return Reply.ok(ServerOut.ok());
                });
            }
            case 0x20 -> {
                return Reply.error(5, "Not_found");
            }
            case 0x23 -> {
                long cons = in.consistency();
                byte[] high = in.option();
                boolean highInclusive = in.bool();
                byte[] low = in.option();
                boolean lowInclusive = in.bool();
                int max = in.int32();
                return read(c, node, cons, () -> {
                    List<byte[]> keys = descending(c, high, highInclusive, low, lowInclusive, max);
                    return Reply.ok(entries(c, keys));
                });
            }
            case 0x25, 0x26 -> {
                return c.isMaster(node) ? Reply.error(0x20, "Operation cannot be performed on master node")
                        : Reply.ok(ServerOut.ok());
            }
            case 0x27 -> {
                byte[] prefix = in.string();
                return write(c, node, () -> {
                    int n = deletePrefix(c, prefix);
                    c.txid++;
                    return Reply.ok(ServerOut.okThen().int32(n).bytes());
                });
            }
            case 0x28 -> {
                return Reply.ok(ServerOut.okThen().int32(1).int32(9).int32(25).string(VERSION_INFO).bytes());
            }
            case 0x29 -> {
                long cons = in.consistency();
                byte[] key = in.string();
                return read(c, node, cons, () -> c.store.containsKey(key) ? Reply.ok(ServerOut.ok())
                        : Reply.error(7, key));
            }
            case 0x30 -> {
                if (c.nodes.size() == 1) {
                    return Reply.error(0x20, "drop master not supported for singletons");
                }
                if (c.isMaster(node)) {
                    List<String> names = new ArrayList<>(c.nodes.keySet());
                    c.master = names.get((names.indexOf(node.name) + 1) % names.size());
                }
                return Reply.ok(ServerOut.ok());
            }
            case 0x31 -> {
                long cons = in.consistency();
                List<byte[]> keys = in.list();
                return read(c, node, cons, () -> {
                    ServerOut out = ServerOut.okThen().int32(keys.size());
                    keys.forEach(k -> out.option(c.store.get(k)));
                    return Reply.ok(out.bytes());
                });
            }
            case 0x32 -> {
                String state = c.quorumLost ? "Wait_for_promises"
                        : c.isMaster(node) ? "Stable_master" : "Slave_steady_state";
                return Reply.ok(ServerOut.okThen().string(state).bytes());
            }
            case 0x33 -> {
                byte[] key = in.string();
                byte[] wanted = in.option();
                return write(c, node, () -> {
                    if (wanted != null && wanted.length >= c.maxValueSize) {
                        return UNKNOWN_FAILURE_CLOSE;
                    }
                    byte[] previous = c.store.get(key);
                    put(c, key, wanted);
                    c.txid++;
                    return Reply.ok(ServerOut.okThen().option(previous).bytes());
                });
            }
            case 0x41 -> {
                return write(c, node, () -> {
                    c.txid++;
                    return Reply.ok(ServerOut.ok());
                });
            }
            case 0x42 -> {
                return Reply.ok(ServerOut.ok());
            }
            case 0x43 -> {
                synchronized (c.lock) {
                    return Reply.ok(ServerOut.okThen().u8(2).int64(c.txid).bytes());
                }
            }
            case 0x45 -> {
                in.consistency();
                return Reply.error(0x82, in.string());
            }
            default -> {
                return new Reply(ServerOut.error(5, Integer.toHexString(code) + ": command not found"), true);
            }
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Reply notMaster(ArakoonTestCluster c) {
        String m = c.master;
        return new Reply(ServerOut.error(4, m == null || c.quorumLost ? "None" : m), true);
    }

    /** A read: Consistent reads only on the master; at-least reads only once the store is fresh enough. */
    private static Reply read(ArakoonTestCluster c, Node node, long consistency, Supplier<Reply> action) {
        if (consistency == -1 && !c.isMaster(node)) {
            return notMaster(c);
        }
        synchronized (c.lock) {
            if (consistency >= 0 && consistency > c.txid) {
                return Reply.error(0x80, NOT_FRESH);
            }
            return action.get();
        }
    }

    /** A write: master only; while quorum is lost it waits (no reply), and commits once quorum is back. */
    private static Reply write(ArakoonTestCluster c, Node node, Supplier<Reply> action) {
        if (!c.isMaster(node)) {
            return notMaster(c);
        }
        Reply injected = node.injected;
        if (injected != null) {
            node.injected = null;
            return injected;
        }
        synchronized (c.lock) {
            while (c.quorumLost && !node.stopped) {
                try {
                    c.lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Reply.silentClose();
                }
            }
            if (node.stopped) {
                return Reply.silentClose();
            }
            return action.get();
        }
    }

    private static void put(ArakoonTestCluster c, byte[] key, byte[] value) {
        if (value == null) {
            c.store.remove(key);
        } else {
            c.store.put(key, value);
        }
    }

    private static List<byte[]> ascending(ArakoonTestCluster c, byte[] first, boolean firstInclusive, byte[] last,
                                          boolean lastInclusive, int max) {
        List<byte[]> keys = new ArrayList<>();
        for (byte[] key : c.store.keySet()) {
            if (max >= 0 && keys.size() >= max) {
                break;
            }
            int lo = first == null ? 1 : Arrays.compareUnsigned(key, first);
            int hi = last == null ? -1 : Arrays.compareUnsigned(key, last);
            if ((lo > 0 || lo == 0 && firstInclusive) && (hi < 0 || hi == 0 && lastInclusive)) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static List<byte[]> descending(ArakoonTestCluster c, byte[] high, boolean highInclusive, byte[] low,
                                           boolean lowInclusive, int max) {
        List<byte[]> keys = new ArrayList<>();
        for (byte[] key : c.store.descendingKeySet()) {
            if (max >= 0 && keys.size() >= max) {
                break;
            }
            int hi = high == null ? -1 : Arrays.compareUnsigned(key, high);
            int lo = low == null ? 1 : Arrays.compareUnsigned(key, low);
            if ((hi < 0 || hi == 0 && highInclusive) && (lo > 0 || lo == 0 && lowInclusive)) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static List<byte[]> withPrefix(ArakoonTestCluster c, byte[] prefix, int max) {
        List<byte[]> keys = new ArrayList<>();
        for (byte[] key : c.store.tailMap(prefix, true).keySet()) {
            if (!startsWith(key, prefix) || max >= 0 && keys.size() >= max) {
                break;
            }
            keys.add(key);
        }
        return keys;
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Entries written back to front, as RANGE_ENTRIES and REV_RANGE_ENTRIES do. */
    private static byte[] entries(ArakoonTestCluster c, List<byte[]> keys) {
        ServerOut out = ServerOut.okThen().int32(keys.size());
        for (int i = keys.size() - 1; i >= 0; i--) {
            out.string(keys.get(i)).string(c.store.get(keys.get(i)));
        }
        return out.bytes();
    }

    private static int deletePrefix(ArakoonTestCluster c, byte[] prefix) {
        List<byte[]> doomed = withPrefix(c, prefix, -1);
        doomed.forEach(c.store::remove);
        return doomed.size();
    }

    // ---------------------------------------------------------------- sequences

    private static Reply sequence(ArakoonTestCluster c, Node node, byte[] blob) throws ServerIn.Malformed {
        ServerIn in = new ServerIn(new ByteArrayInputStream(blob));
        List<Object[]> steps;
        try {
            if (in.int32() != 5) {
                return Reply.error(0xff, "should have been a sequence");
            }
            steps = sequenceSteps(in);
        } catch (IOException e) {
            return UNKNOWN_FAILURE_CLOSE;
        }
        if (blob.length > c.maxBufferSize) {
            return Reply.error(0x26, "update Sequence(" + describe(steps) + ") has size " + blob.length + " > "
                    + c.maxBufferSize);
        }
        return write(c, node, () -> {
            // single-key steps go to a cache dropped on failure; DeletePrefix and AssertRange act on the store itself
            Map<Key, Optional<byte[]>> cache = new LinkedHashMap<>();
            c.txid++;
            try {
                apply(c, steps, cache);
            } catch (StepFailure f) {
                return Reply.error(f.rc, f.message);
            } catch (Poison p) {
                node.stop();
                return Reply.silentClose();
            }
            cache.forEach((k, v) -> put(c, k.bytes, v.orElse(null)));
            return Reply.ok(ServerOut.ok());
        });
    }

    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    /** Each step as {tag, fields...}; nested sequences as {5, List}. */
    private static List<Object[]> sequenceSteps(ServerIn in) throws IOException, ServerIn.Malformed {
        int n = in.int32();
        List<Object[]> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int tag = in.int32();
            steps.add(switch (tag) {
                case 1 -> new Object[] {tag, in.string(), in.string()};
                case 2, 14, 15 -> new Object[] {tag, in.string()};
                case 3 -> new Object[] {tag, in.string(), in.option(), in.option()};
                case 5 -> new Object[] {tag, sequenceSteps(in)};
                case 6 -> new Object[] {tag};
                case 7 -> new Object[] {tag, in.string(), in.option()};
                case 8, 16 -> new Object[] {tag, in.string(), in.option()};
                case 17 -> {
                    byte[] prefix = in.string();
                    if (in.int32() != 1) {
                        throw new ServerIn.Malformed("assert_range kind");
                    }
                    yield new Object[] {tag, prefix, in.list()};
                }
                default -> throw new ServerIn.Malformed("update tag " + tag);
            });
        }
        return steps;
    }

    private static byte[] cached(ArakoonTestCluster c, Map<Key, Optional<byte[]>> cache, byte[] key) {
        Optional<byte[]> hit = cache.get(new Key(key));
        return hit != null ? hit.orElse(null) : c.store.get(key);
    }

    @SuppressWarnings("unchecked")
    private static void apply(ArakoonTestCluster c, List<Object[]> steps, Map<Key, Optional<byte[]>> cache)
            throws StepFailure, Poison {
        for (Object[] s : steps) {
            int tag = (int) s[0];
            switch (tag) {
                case 1 -> cache.put(new Key((byte[]) s[1]), Optional.of((byte[]) s[2]));
                case 2 -> {
                    if (cached(c, cache, (byte[]) s[1]) == null) {
                        throw new StepFailure(5, (byte[]) s[1]);
                    }
                    cache.put(new Key((byte[]) s[1]), Optional.empty());
                }
                case 3 -> {
                    if (Arrays.equals(cached(c, cache, (byte[]) s[1]), (byte[]) s[2])) {
                        cache.put(new Key((byte[]) s[1]), Optional.ofNullable((byte[]) s[3]));
                    }
                }
                case 5 -> apply(c, (List<Object[]>) s[1], cache);
                case 6 -> {
                    // nothing to apply
                }
                case 7 -> throw new Poison();
                case 8 -> {
                    if (!Arrays.equals(cached(c, cache, (byte[]) s[1]), (byte[]) s[2])) {
                        throw new StepFailure(7, (byte[]) s[1]);
                    }
                }
                case 14 -> deletePrefix(c, (byte[]) s[1]);
                case 15 -> {
                    if (cached(c, cache, (byte[]) s[1]) == null) {
                        throw new StepFailure(7, (byte[]) s[1]);
                    }
                }
                case 16 -> cache.put(new Key((byte[]) s[1]), Optional.ofNullable((byte[]) s[2]));
                case 17 -> {
                    List<byte[]> expected = new ArrayList<>((List<byte[]>) s[2]);
                    Collections.reverse(expected);
                    List<byte[]> actual = withPrefix(c, (byte[]) s[1], -1);
                    if (!sameKeys(expected, actual)) {
                        throw new StepFailure(7, utf8("ContainsExactly [ \"" + join(expected, "; ") + "\" ] actual: "
                                + join(actual, ",")));
                    }
                }
                default -> throw new IllegalStateException("unreachable tag " + tag);
            }
        }
    }

    private static boolean sameKeys(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String join(List<byte[]> keys, String separator) {
        return String.join(separator, keys.stream().map(k -> new String(k, StandardCharsets.UTF_8)).toList());
    }

    /** The OCaml printer's rendering of a sequence in the BAD_INPUT message: ten steps, then how many more. */
    private static String describe(List<Object[]> steps) {
        List<String> shown = new ArrayList<>();
        for (Object[] s : steps.subList(0, Math.min(10, steps.size()))) {
            int tag = (int) s[0];
            shown.add(tag == 1
                    ? String.format("%-15s;\"%s\";%d;\"...\"", "Set", new String((byte[]) s[1], StandardCharsets.UTF_8),
                    ((byte[]) s[2]).length)
                    : "update(" + tag + ")");
        }
        return "[" + String.join("; ", shown) + "... (" + Math.max(0, steps.size() - 10) + " more) ]";
    }

    // ---------------------------------------------------------------- statistics

    private static final String[] AVERAGES = {"avg_set_size", "avg_get_size", "avg_range_size",
        "avg_range_entries_size", "avg_rev_range_entries_size", "avg_prefix_size", "avg_del_prefix_size"};
    private static final String[] INFOS = {"harvest_stats", "set_info", "get_info", "del_info", "seq_info",
        "mget_info", "mget_option_info", "tas_info", "replace_info", "range_info", "range_entries_info",
        "rev_range_entries_info", "prefix_info", "delete_prefix_info", "op_info"};
    private static final String[] MEMORY = {"mem_maxrss", "mem_minor_collections", "mem_major_collections",
        "mem_compactions"};

    /**
     * The same tree as 1.9.25 (30 children of {@code arakoon_stats}), with this double's own values; {@code node_is}
     * lists the asked node first, then the others.
     */
    private static byte[] statistics(ArakoonTestCluster c, Node node) {
        ServerOut out = new ServerOut();
        double now = System.currentTimeMillis() / 1000.0;
        out.int32(5).string("arakoon_stats").int32(30);
        out.int32(3).string("start").float64(now);
        out.int32(3).string("last").float64(now);
        for (String name : AVERAGES) {
            out.int32(3).string(name).float64(0);
        }
        for (String name : INFOS) {
            out.int32(5).string(name).int32(6).int32(1).string("n").int32(0);
            out.int32(3).string("min").float64(Double.MAX_VALUE);
            for (String field : new String[] {"max", "m2", "avg", "var"}) {
                out.int32(3).string(field).float64(0);
            }
        }
        out.int32(3).string("mem_allocated").float64(Runtime.getRuntime().totalMemory());
        for (String name : MEMORY) {
            out.int32(1).string(name).int32(0);
        }
        List<String> others = new ArrayList<>();
        if (c.nodes.size() > 1) {
            others.add(node.name);
            c.nodes.keySet().stream().filter(n -> !n.equals(node.name)).forEach(others::add);
        }
        out.int32(5).string("node_is").int32(others.size());
        synchronized (c.lock) {
            others.forEach(n -> out.int32(2).string(n).int64(c.txid));
        }
        return out.bytes();
    }
}
