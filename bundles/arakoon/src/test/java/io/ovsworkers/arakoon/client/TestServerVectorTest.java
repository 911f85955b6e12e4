package io.ovsworkers.arakoon.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ovsworkers.arakoon.testserver.ArakoonTestCluster;
import io.ovsworkers.arakoon.testserver.Vectors;
import io.ovsworkers.arakoon.testserver.Vectors.Exchange;
import io.ovsworkers.arakoon.testserver.Vectors.Vector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks the test double {@link ArakoonTestCluster} against the real server: every captured request of every vector
 * is sent to it on a raw socket, on a cluster shaped like the one captured, and its reply must equal the captured
 * reply byte for byte, including whether it closes the connection. Where a reply depends on live state of the
 * capture, the comparison is narrowed, and only there:
 * <ul>
 * <li>txids: the double's txid is set to the one the first GET_TXID of a vector captured; later txids must follow;</li>
 * <li>VERSION: the numbers must match, the build's info text differs;</li>
 * <li>STATISTICS: the tree must have the same names and value types, the values are this process's;</li>
 * <li>three_slave_reads: the keys the recorder wrote through the master beforehand are put in the store first.</li>
 * </ul>
 */
class TestServerVectorTest {

    @TestFactory
    Stream<DynamicTest> replayEveryVectorAgainstTheTestServer() {
        return Vectors.all().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> replay(v)));
    }

    private static void replay(Vector v) throws IOException {
        int nodes = v.clusterId().equals("three_test") ? 3 : 1;
        try (ArakoonTestCluster cluster = ArakoonTestCluster.start(v.clusterId(), nodes)) {
            if (v.clusterId().equals("limits_test")) {
                cluster.setLimits(1024, 8192);
            }
            if (v.name().equals("three_slave_reads")) {
                cluster.put("s3/k", "v");
                cluster.put("s3/j", "w");
            }
            String node = v.nodeRole().equals("slave") ? "n1" : "n0";
            try (Socket socket = new Socket("127.0.0.1", cluster.port(node))) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                boolean txidSynced = false;
                for (int i = 0; i < v.exchanges().size(); i++) {
                    Exchange e = v.exchanges().get(i);
                    String where = v.name() + " exchange " + i + ": " + e.note();
                    boolean getTxid = HexFormat.of().formatHex(e.request()).equals("4300ffb1");
                    if (getTxid && !txidSynced) {
                        cluster.setTxid(new WireReader(new ByteArrayInputStream(e.response(), 5, 8)).int64());
                        txidSynced = true;
                    }
                    out.write(e.request());
                    out.flush();
                    int opcode = e.request().length >= 4 ? e.request()[0] & 0xff : -1;
                    if (i > 0 && opcode == Commands.VERSION && e.response().length > 0) {
                        ArakoonVersion expected = (ArakoonVersion) decode(Commands.version(), e.response());
                        ArakoonVersion actual = Commands.version().readReply(new WireReader(in));
                        assertEquals(List.of(expected.major(), expected.minor(), expected.patch()),
                                List.of(actual.major(), actual.minor(), actual.patch()), where);
                    } else if (i > 0 && opcode == Commands.STATISTICS && e.response().length > 0) {
                        NamedValue expected = (NamedValue) decode(Commands.statistics(), e.response());
                        NamedValue actual = Commands.statistics().readReply(new WireReader(in));
                        assertEquals(shape(expected), shape(actual), where);
                    } else {
                        byte[] reply = in.readNBytes(e.response().length);
                        assertEquals(HexFormat.of().formatHex(e.response()), HexFormat.of().formatHex(reply), where);
                    }
                    if (e.serverClosed()) {
                        assertEquals(-1, in.read(), "server closes after " + where);
                    }
                }
            }
        }
    }

    private static Object decode(Command<?> command, byte[] reply) throws IOException {
        return command.readReply(new WireReader(new ByteArrayInputStream(reply)));
    }

    private static List<String> shape(NamedValue node) {
        List<String> shape = new ArrayList<>();
        shape.add(node.name() + ":" + node.value().getClass().getSimpleName().replace("ImmutableCollections$", ""));
        node.children().forEach(child -> shape.addAll(shape(child).stream().map(s -> node.name() + "/" + s).toList()));
        return shape;
    }
}
