package io.ovsworkers.arakoon.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.arakoon.testserver.Vectors;
import io.ovsworkers.arakoon.testserver.Vectors.Exchange;
import io.ovsworkers.arakoon.testserver.Vectors.Vector;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every captured vector, without a network: each request the client can make is re-encoded by the client and must
 * equal the captured bytes; each captured reply is decoded by the client and, when OK, written back in wire order
 * and compared with the capture (this checks the list orders); error replies must map to the exception class of
 * their result code and agree with the capture on whether the server kept the connection.
 */
class VectorCodecTest {

    /** What replaying all vectors found; see {@link #coverage()}. */
    record Tally(int encoded, int decodedOk, int decodedErrors, int decodedClosedSilently,
                 Map<String, String> notClientRequests) {
    }

    @TestFactory
    Stream<DynamicTest> eachVector() {
        return Vectors.all().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> check(v, new int[4],
                new TreeMap<>())));
    }

    @Test
    void coverage() throws IOException {
        int[] counts = new int[4];
        Map<String, String> skipped = new TreeMap<>();
        for (Vector v : Vectors.all()) {
            check(v, counts, skipped);
        }
        Tally tally = new Tally(counts[0], counts[1], counts[2], counts[3], skipped);
        System.out.println("Arakoon vectors: " + tally);
        // 372 exchanges: 65 prologues (4 deliberately wrong) and 307 exchanges holding 309 requests
        // (pipelined_requests sends 3 in one); 14 of those are admin, malformed or otherwise not client requests
        assertEquals(295, tally.encoded(), "requests re-encoded byte for byte");
        assertEquals(309, tally.decodedOk() + tally.decodedErrors() + tally.decodedClosedSilently(),
                "replies decoded");
        assertEquals(18, skipped.size(), "requests no client call produces: " + skipped);
    }

    private static void check(Vector v, int[] counts, Map<String, String> skipped) throws IOException {
        List<Exchange> exchanges = v.exchanges();
        int first = 0;
        if (v.startsWithPrologue()) {
            assertArrayEquals(exchanges.get(0).request(), Commands.prologue(v.clusterId()), "prologue");
            first = 1;
        } else {
            skipped.put(v.name() + "#0", "deliberately wrong prologue: the client always sends magic, version 1"
                    + " and its configured cluster id");
            assertFalse(java.util.Arrays.equals(exchanges.get(0).request(),
                    java.util.Arrays.copyOf(Commands.prologue(v.clusterId()), exchanges.get(0).request().length)));
            return;
        }
        for (int i = first; i < exchanges.size(); i++) {
            Exchange e = exchanges.get(i);
            ByteArrayInputStream replies = new ByteArrayInputStream(e.response());
            WireReader in = new WireReader(replies);
            for (CapturedRequests.Parsed p : CapturedRequests.parse(e.request())) {
                if (p.command() == null) {
                    skipped.put(v.name() + "#" + i, p.notAClientRequest());
                    // the reply still decodes: a bare result code, or a result code and message
                    decode(new CapturedRequests.Parsed(p.opcode(), p.bytes(), new Command<>("admin", p.bytes(),
                            Command.Route.THIS_NODE, false, r -> null), null), in, e, v.name() + " exchange " + i,
                            counts);
                    continue;
                }
                String where = v.name() + " exchange " + i + " (" + e.note() + ")";
                assertEquals(HexFormat.of().formatHex(p.bytes()), HexFormat.of().formatHex(p.command().request()),
                        "request bytes of " + where);
                counts[0]++;
                decode(p, in, e, where, counts);
            }
            assertEquals(0, replies.available(), "reply bytes left over in " + v.name() + " exchange " + i);
        }
    }

    private static void decode(CapturedRequests.Parsed p, WireReader in, Exchange e, String where, int[] counts)
            throws IOException {
        if (e.response().length == 0) {
            assertTrue(e.serverClosed());
            assertThrows(EOFException.class, () -> p.command().readReply(in), where);
            counts[3]++;
            return;
        }
        try {
            Object value = p.command().readReply(in);
            if (p.command().name().equals("admin")) {
                counts[1]++;
                return;
            }
            byte[] again = ReplyEncoding.encode(p.opcode(), value);
            assertEquals(HexFormat.of().formatHex(e.response()).contains(HexFormat.of().formatHex(again)), true,
                    "reply of " + where + " re-encodes to " + HexFormat.of().formatHex(again));
            counts[1]++;
        } catch (ArakoonServerException error) {
            int rc = e.response()[0] & 0xff;
            assertEquals(rc, error.resultCode(), where);
            assertEquals(ArakoonServerException.of(rc, new byte[0]).getClass(), error.getClass(), where);
            if (rc != 0x05 || !error.serverMessageText().endsWith("command not found")) {
                assertEquals(!e.serverClosed(), error.connectionKept(), "connection kept after " + where);
            }
            counts[2]++;
        }
    }

    // ------------------------------------------------ decoded values, spelled out for the cases that matter

    private static Vector vector(String name) {
        return Vectors.all().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    private static Object decoded(String vector, int exchange) throws IOException {
        Exchange e = vector(vector).exchanges().get(exchange);
        CapturedRequests.Parsed p = CapturedRequests.parse(e.request()).get(0);
        return p.command().readReply(new WireReader(new ByteArrayInputStream(e.response())));
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            out.add(o instanceof KeyValue kv ? text(kv.key()) + "=" + text(kv.value()) : text((byte[]) o));
        }
        return out;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void listsComeBackInNaturalOrder() throws IOException {
        assertEquals(List.of("rg/a", "rg/b", "rg/c"), strings(decoded("range", 7)));
        assertEquals(List.of("rg/b", "rg/c"), strings(decoded("range", 9)), "max 2 after rg/a: the two smallest");
        assertEquals(List.of("re/b=vb", "re/c=vc", "re/d=vd"), strings(decoded("range_entries", 7)));
        assertEquals(List.of("rr/d=vd", "rr/c=vc", "rr/b=vb"), strings(decoded("rev_range_entries", 7)));
        assertEquals(List.of("rr/d=vd", "rr/c=vc"), strings(decoded("rev_range_entries", 8)), "max 2: the largest");
        assertEquals(List.of("pk/a", "pk/b", "pk/c", "pk/d", "pk/e"), strings(decoded("prefix_keys", 7)));
        assertEquals(List.of("va", "vb", "vc"), strings(decoded("multi_get", 7)), "values in the order of the keys");
        @SuppressWarnings("unchecked")
        List<Optional<byte[]>> options = (List<Optional<byte[]>>) decoded("multi_get_option", 7);
        assertEquals("va", text(options.get(0).orElseThrow()));
        assertTrue(options.get(1).isEmpty());
        assertEquals("vc", text(options.get(2).orElseThrow()));
    }

    @Test
    void testAndSetReturnsTheValueBeforeTheOperation() throws IOException {
        assertEquals(Optional.empty(), decoded("test_and_set", 2));
        assertEquals("me", text(((Optional<?>) decoded("test_and_set", 3)).map(byte[].class::cast).orElseThrow()));
    }

    @Test
    void errorsMapToTypedExceptions() {
        assertEquals("mg/missing2", assertThrows(ArakoonNotFoundException.class, () -> decoded("multi_get", 9))
                .serverMessageText());
        ArakoonNotMasterException notMaster =
                assertThrows(ArakoonNotMasterException.class, () -> decoded("not_master_set", 1));
        assertEquals(Optional.of("n0"), notMaster.believedMaster());
        assertFalse(notMaster.connectionKept());
        assertThrows(ArakoonInconsistentReadException.class, () -> decoded("consistency_levels", 8));
        assertThrows(ArakoonAssertionFailedException.class, () -> decoded("assert", 5));
        assertThrows(ArakoonBadInputException.class, () -> decoded("user_function_unknown", 1));
        assertThrows(ArakoonUnknownFailureException.class, () -> decoded("value_size_limit", 3));
        assertThrows(ArakoonBadInputException.class, () -> decoded("sequence_buffer_limit", 2));
    }

    @Test
    void nodeInformationDecodes() throws IOException {
        assertEquals(Optional.of("n0"), decoded("who_master_single", 1));
        ArakoonVersion version = (ArakoonVersion) decoded("version", 1);
        assertEquals(List.of(1, 9, 25), List.of(version.major(), version.minor(), version.patch()));
        assertTrue(version.info().startsWith("revision: "));
        assertEquals(Consistency.atLeast(959), decoded("get_txid_nop", 2));
        NamedValue stats = (NamedValue) decoded("three_slave_info", 6);
        assertEquals("arakoon_stats", stats.name());
        assertEquals(30, stats.children().size());
        assertEquals(3, stats.child("node_is").orElseThrow().children().size());
        assertInstanceOf(Long.class, stats.child("node_is").orElseThrow().children().get(0).value());
        assertNotNull(stats.child("set_info").orElseThrow().child("avg").orElseThrow().value());
    }
}
