package io.ovsworkers.arakoon.testserver;

import io.ovsworkers.arakoon.client.ArakoonClusterConfig;
import io.ovsworkers.arakoon.client.ArakoonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A TEST DOUBLE for an Arakoon 1.9 cluster: no Arakoon server package exists for this machine (it is not in Debian),
 * so this single-process server speaks the client protocol on local ports, byte for byte as the captured vectors
 * show (it is checked against them by {@code TestServerVectorTest}). All nodes share one store; there is no Paxos and
 * no slave lag. The test controls what consensus would decide: which node is master, node crashes and restarts,
 * quorum loss (writes hang on the master until quorum returns, then commit) and replies held back.
 */
public final class ArakoonTestCluster implements AutoCloseable {
    static final int MAGIC = 0xB1FF0000;

    final String clusterId;
    final Object lock = new Object();
    final TreeMap<byte[], byte[]> store = new TreeMap<>(Arrays::compareUnsigned);
    final Map<String, Node> nodes = new LinkedHashMap<>();
    final Map<String, java.util.function.Function<byte[], byte[]>> userFunctions = new ConcurrentHashMap<>();
    volatile String master;
    volatile boolean quorumLost;
    long txid;
    int maxValueSize = ArakoonClusterConfig.DEFAULT_MAX_VALUE_SIZE;
    int maxBufferSize = ArakoonClusterConfig.DEFAULT_MAX_BUFFER_SIZE;

    private ArakoonTestCluster(String clusterId) {
        this.clusterId = clusterId;
    }

    /** Starts {@code nodeCount} nodes named n0, n1, ... on free local ports; n0 is master. */
    public static ArakoonTestCluster start(String clusterId, int nodeCount) throws IOException {
        ArakoonTestCluster cluster = new ArakoonTestCluster(clusterId);
        for (int i = 0; i < nodeCount; i++) {
            Node node = new Node(cluster, "n" + i);
            cluster.nodes.put(node.name, node);
            node.listen(0);
        }
        cluster.master = "n0";
        return cluster;
    }

    public List<String> nodeNames() {
        return List.copyOf(nodes.keySet());
    }

    public int port(String node) {
        return nodes.get(node).port;
    }

    /** A client configuration for this cluster with short timeouts suitable for tests. */
    public ArakoonClusterConfig.Builder clientConfig() {
        List<ArakoonNode> list = new ArrayList<>();
        nodes.values().forEach(n -> list.add(new ArakoonNode(n.name, "127.0.0.1", n.port)));
        return ArakoonClusterConfig.builder(clusterId, list);
    }

    /** The cluster's {@code .ini} text, as an operator's file would look. */
    public String iniText() {
        StringBuilder ini = new StringBuilder("[global]\ncluster_id = " + clusterId + "\ncluster = "
                + String.join(", ", nodes.keySet()) + "\n");
        nodes.values().forEach(n -> ini.append("\n[").append(n.name).append("]\nip = 127.0.0.1\nclient_port = ")
                .append(n.port).append("\nmessaging_port = ").append(n.port + 1000).append("\nhome = /tmp/")
                .append(n.name).append("\n"));
        return ini.toString();
    }

    /** Makes {@code node} master (null: no master, WHO_MASTER answers None and writes get NOT_MASTER "None"). */
    public void setMaster(String node) {
        master = node;
    }

    /** Crashes the node: its listener and every connection close; requests in progress get no reply. */
    public void stopNode(String node) {
        nodes.get(node).stop();
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** Restarts a stopped node on its old port. */
    public void startNode(String node) throws IOException {
        Node n = nodes.get(node);
        n.listen(n.port);
    }

    /** Writes on the master wait (no reply) until {@link #restoreQuorum()}; WHO_MASTER answers None everywhere. */
    public void loseQuorum() {
        quorumLost = true;
    }

    public void restoreQuorum() {
        synchronized (lock) {
            quorumLost = false;
            lock.notifyAll();
        }
    }

    /** The node reads requests but holds every reply back until {@link #releaseReplies(String)}. */
    public void holdReplies(String node) {
        nodes.get(node).hold = new CountDownLatch(1);
    }

    public void releaseReplies(String node) {
        CountDownLatch hold = nodes.get(node).hold;
        nodes.get(node).hold = null;
        if (hold != null) {
            hold.countDown();
        }
    }

    /**
     * The node answers its next write, unexecuted, with this result code and message (and closes the connection
     * when the server would after that code), as a master losing its role (0x21) or going down (0x10) does.
     */
    public void failNextWrite(String node, int resultCode, String message) {
        nodes.get(node).injected = Reply.error(resultCode, message);
    }

    /** Sets the txid the store is at (vectors carry the live txids of the capture). */
    public void setTxid(long value) {
        synchronized (lock) {
            txid = value;
        }
    }

    public long txid() {
        synchronized (lock) {
            return txid;
        }
    }

    /** Lowers the limits as {@code __tainted_max_value_size} / {@code __tainted_max_buffer_size} do. */
    public void setLimits(int valueSize, int bufferSize) {
        maxValueSize = valueSize;
        maxBufferSize = bufferSize;
    }

    public void registerUserFunction(String name, java.util.function.Function<byte[], byte[]> function) {
        userFunctions.put(name, function);
    }

    /** The stored value, or null. */
    public byte[] value(String key) {
        synchronized (lock) {
            return store.get(key.getBytes(StandardCharsets.UTF_8));
        }
    }

    public void put(String key, String value) {
        synchronized (lock) {
            store.put(key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
        }
    }

    public int size() {
        synchronized (lock) {
            return store.size();
        }
    }

    /** Connections the node has accepted that are still open. */
    public int openConnections(String node) {
        return nodes.get(node).sockets.size();
    }

    /** Requests the node has received since it started. */
    public long requestsReceived(String node) {
        return nodes.get(node).requests.get();
    }

    boolean isMaster(Node node) {
        return nodes.size() == 1 || node.name.equals(master);
    }

    @Override
    public void close() {
        nodes.values().forEach(Node::stop);
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** One node: a listener and a thread per connection. */
    static final class Node {
        final ArakoonTestCluster cluster;
        final String name;
        final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
        final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();
        volatile ServerSocket listener;
        volatile Thread acceptor;
        volatile boolean stopped;
        volatile CountDownLatch hold;
        volatile Reply injected;
        int port;

        Node(ArakoonTestCluster cluster, String name) {
            this.cluster = cluster;
            this.name = name;
        }

        /**
         * Listens on {@code wantedPort}, or on a free port when it is 0. Ports are picked below the kernel's
         * ephemeral range (32768 and up), so that no client socket of this or another process takes the port while
         * the node is stopped and a restart can bind it again.
         */
        void listen(int wantedPort) throws IOException {
            ServerSocket server = null;
            for (int attempt = 0; server == null; attempt++) {
                int candidate = wantedPort != 0 ? wantedPort
                        : 20000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12000);
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                try {
                    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate));
                    server = socket;
                } catch (IOException e) {
                    socket.close();
                    if (wantedPort != 0 || attempt >= 50) {
                        throw e;
                    }
                }
            }
            ServerSocket bound = server;
            port = bound.getLocalPort();
            listener = bound;
            stopped = false;
            Thread thread = new Thread(() -> accept(bound), "arakoon-test-" + name + "-accept");
            thread.setDaemon(true);
            acceptor = thread;
            thread.start();
        }

        private void accept(ServerSocket server) {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    socket.setTcpNoDelay(true);
                    sockets.add(socket);
                    Thread t = new Thread(() -> serve(socket), "arakoon-test-" + name + "-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        void stop() {
            stopped = true;
            CountDownLatch h = hold;
            hold = null;
            if (h != null) {
                h.countDown();
            }
            ServerSocket server = listener;
            if (server != null) {
                closeQuietly(server);
            }
            Thread thread = acceptor;
            if (thread != null) {
                // the JDK releases a listening socket only once the thread blocked in accept() has left it
                try {
                    thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sockets.forEach(Node::closeQuietly);
            sockets.clear();
        }

        private void serve(Socket socket) {
            try (socket) {
                ServerIn in = new ServerIn(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                int magic = in.int32();
                int version = in.int32();
                byte[] id = in.string();
                if (magic != MAGIC || version != 1 || !Arrays.equals(id, cluster.clusterId.getBytes(StandardCharsets.UTF_8))) {
                    return;
                }
                while (!stopped) {
                    int word = in.int32();
                    requests.incrementAndGet();
                    Reply reply = (word & 0xffff0000) != MAGIC
                            ? new Reply(new ServerOut().int32(1).bytes(), true)
                            : ServerCommands.handle(cluster, this, word & 0xffff, in);
                    CountDownLatch h = hold;
                    if (h != null) {
                        h.await();
                    }
                    if (stopped) {
                        return;
                    }
                    out.write(reply.bytes());
                    out.flush();
                    if (reply.close()) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the client went away, or the node was stopped
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                sockets.remove(socket);
            }
        }

        private static void closeQuietly(java.io.Closeable c) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /** What a node sends back, and whether it closes the connection afterwards. */
    record Reply(byte[] bytes, boolean close) {
        static Reply ok(byte[] bytes) {
            return new Reply(bytes, false);
        }

        static Reply silentClose() {
            return new Reply(new byte[0], true);
        }

        static Reply error(int rc, String message) {
            return new Reply(ServerOut.error(rc, message), !keeps(rc));
        }

        static Reply error(int rc, byte[] message) {
            return new Reply(ServerOut.error(rc, message), !keeps(rc));
        }

        private static boolean keeps(int rc) {
            return rc == 0x05 || rc == 0x07 || rc == 0x21 || rc == 0x26 || rc == 0x80;
        }
    }
}
