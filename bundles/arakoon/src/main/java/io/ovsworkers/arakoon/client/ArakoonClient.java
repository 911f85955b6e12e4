package io.ovsworkers.arakoon.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client for one Arakoon 1.9 cluster, safe for use by many threads at once.
 *
 * <p>It keeps one connection per node (or {@link ArakoonClusterConfig#connectionsPerNode()}), shared by all threads;
 * requests from several threads are pipelined on it. It
 * finds the master with WHO_MASTER (a node is accepted as master only when it names itself), follows NOT_MASTER
 * replies, and reconnects and rediscovers when a connection closes, all within
 * {@link ArakoonClusterConfig#failoverDeadline()}. Only operations that are safe to repeat are sent again after an
 * unknown outcome; any other write then fails with {@link ArakoonOutcomeUnknownException} (a write that timed out may
 * still commit). A write refused with NOT_MASTER was not executed and is always retried. No call waits longer than
 * the request timeout for one reply, nor longer than the failover deadline in all.
 *
 * <p>Keys and values are raw bytes. Optional arguments are {@code null} for "none". List results come back in their
 * natural order (ascending keys, or the order of the keys asked for), whatever order the server sends them in.
 */
public final class ArakoonClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArakoonClient.class);
    private static final Duration BACKOFF_STEP = Duration.ofMillis(50);
    private static final Duration BACKOFF_MAX = Duration.ofSeconds(1);
    private static final Duration WHO_MASTER_TIMEOUT = Duration.ofSeconds(2);

    private final ArakoonClusterConfig config;
    private final ScheduledThreadPoolExecutor timer;
    private final ThreadFactory readers;
    private final ConcurrentHashMap<String, NodeConnection> connections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Object> connectLocks = new ConcurrentHashMap<>();
    private final ReentrantLock discovery = new ReentrantLock();
    private final AtomicInteger readRotation = new AtomicInteger();
    private final AtomicInteger connectionTurn = new AtomicInteger();
    private volatile String master;
    private volatile String masterHint;
    private volatile boolean closed;

    private ArakoonClient(ArakoonClusterConfig config) {
        this.config = config;
        AtomicInteger threadNumber = new AtomicInteger();
        String threadPrefix = "arakoon-" + config.clusterId() + "-";
        this.readers = r -> {
            Thread t = new Thread(r, threadPrefix + "reader-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadPrefix + "timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /** A client for the cluster; it connects on first use. */
    public static ArakoonClient open(ArakoonClusterConfig config) {
        return new ArakoonClient(Objects.requireNonNull(config, "config"));
    }

    public ArakoonClusterConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- reads

    /** The value of the key, read consistently from the master; {@link ArakoonNotFoundException} when absent. */
    public byte[] get(byte[] key) {
        return get(Consistency.CONSISTENT, key);
    }

    /** The value of the key; {@link ArakoonNotFoundException} when absent. */
    public byte[] get(Consistency consistency, byte[] key) {
        return execute(Commands.get(consistency, key));
    }

    /** The value of the key, or empty when absent (one MULTI_GET_OPTION round trip). */
    public Optional<byte[]> find(Consistency consistency, byte[] key) {
        return execute(Commands.multiGetOption(consistency, List.of(key))).get(0);
    }

    public boolean exists(byte[] key) {
        return exists(Consistency.CONSISTENT, key);
    }

    public boolean exists(Consistency consistency, byte[] key) {
        return execute(Commands.exists(consistency, key));
    }

    /**
     * Keys between {@code first} and {@code last} in ascending order, at most {@code max} of them (the smallest;
     * a negative {@code max} means all). A null bound is open.
     */
    public List<byte[]> range(Consistency consistency, byte[] first, boolean firstInclusive, byte[] last,
                              boolean lastInclusive, int max) {
        return execute(Commands.range(consistency, first, firstInclusive, last, lastInclusive, max));
    }

    /** Entries between {@code first} and {@code last} in ascending key order, at most {@code max} (the smallest). */
    public List<KeyValue> rangeEntries(Consistency consistency, byte[] first, boolean firstInclusive, byte[] last,
                                       boolean lastInclusive, int max) {
        return execute(Commands.rangeEntries(consistency, first, firstInclusive, last, lastInclusive, max));
    }

    /**
     * Entries from the high bound {@code first} down to the low bound {@code last}, in descending key order, at
     * most {@code max} of them (the largest).
     */
    public List<KeyValue> revRangeEntries(Consistency consistency, byte[] first, boolean firstInclusive, byte[] last,
                                          boolean lastInclusive, int max) {
        return execute(Commands.revRangeEntries(consistency, first, firstInclusive, last, lastInclusive, max));
    }

    /** The first {@code max} keys starting with the prefix, ascending (negative {@code max}: all). */
    public List<byte[]> prefixKeys(Consistency consistency, byte[] prefix, int max) {
        return execute(Commands.prefixKeys(consistency, prefix, max));
    }

    /** The values of the keys, in the order of the keys; {@link ArakoonNotFoundException} when one is absent. */
    public List<byte[]> multiGet(Consistency consistency, List<byte[]> keys) {
        return execute(Commands.multiGet(consistency, keys));
    }

    /** The values of the keys, in the order of the keys, empty for absent ones. */
    public List<Optional<byte[]>> multiGetOption(Consistency consistency, List<byte[]> keys) {
        return execute(Commands.multiGetOption(consistency, keys));
    }

    /** Fails with {@link ArakoonAssertionFailedException} unless the value is {@code expected} (null: absent). */
    public void assertValue(Consistency consistency, byte[] key, byte[] expected) {
        execute(Commands.assertValue(consistency, key, expected));
    }

    /** Fails with {@link ArakoonAssertionFailedException} unless the key exists. */
    public void assertExists(Consistency consistency, byte[] key) {
        execute(Commands.assertExists(consistency, key));
    }

    /** The number of user keys, counted by the master. */
    public long getKeyCount() {
        return execute(Commands.getKeyCount());
    }

    // ---------------------------------------------------------------- writes

    /** Stores the value; durable on a quorum when this returns. Retried after an unknown outcome. */
    public void set(byte[] key, byte[] value) {
        checkValue(key, value);
        execute(Commands.set(key, value));
    }

    /** Stores the value only if it differs from the current one (so no write when it is equal). */
    public void confirm(byte[] key, byte[] value) {
        checkValue(key, value);
        execute(Commands.confirm(key, value));
    }

    /** Deletes the key; {@link ArakoonNotFoundException} when it is absent. */
    public void delete(byte[] key) {
        execute(Commands.delete(key));
    }

    /**
     * Sets {@code wanted} (null: deletes) when the current value is {@code expected} (null: absent). Returns the value
     * before the operation, so the swap happened exactly when the result equals {@code expected}.
     */
    public Optional<byte[]> testAndSet(byte[] key, byte[] expected, byte[] wanted) {
        if (wanted != null) {
            checkValue(key, wanted);
        }
        return execute(Commands.testAndSet(key, expected, wanted));
    }

    /** Sets {@code wanted}, or deletes when it is null; returns the previous value. */
    public Optional<byte[]> replace(byte[] key, byte[] wanted) {
        if (wanted != null) {
            checkValue(key, wanted);
        }
        return execute(Commands.replace(key, wanted));
    }

    /** Deletes every key with the prefix; returns how many there were. */
    public int deletePrefix(byte[] prefix) {
        return execute(Commands.deletePrefix(prefix));
    }

    /**
     * Applies the steps in order, all or nothing; see {@link Update} for what the client refuses and why. A failing
     * step fails the call with its exception ({@link ArakoonAssertionFailedException},
     * {@link ArakoonNotFoundException}).
     */
    public void sequence(List<Update> steps) {
        execute(sequenceCommand(steps, false));
    }

    /** Like {@link #sequence(List)}, but the nodes also sync their logs to disk before the reply. */
    public void syncedSequence(List<Update> steps) {
        execute(sequenceCommand(steps, true));
    }

    private Command<Void> sequenceCommand(List<Update> steps, boolean synced) {
        SequenceCheck.check(steps, config.maxValueSize());
        Command<Void> command = Commands.sequence(steps, synced);
        int blobSize = command.request().length - 8;
        if (blobSize > config.maxBufferSize()) {
            throw new ArakoonValueTooLargeException("sequence of " + blobSize + " bytes is above the limit of "
                    + config.maxBufferSize() + " bytes");
        }
        return command;
    }

    /** Runs an empty update through consensus: a barrier that also makes slaves apply the previous writes. */
    public void nop() {
        execute(Commands.nop());
    }

    /**
     * Calls a user function registered on the servers (never retried). It is deliberately not available as a
     * sequence step: an unknown one there kills the nodes.
     */
    public Optional<byte[]> userFunction(String name, byte[] argument) {
        return execute(Commands.userFunction(name, argument));
    }

    // ---------------------------------------------------------------- node information (asked of the master)

    /**
     * The txid of the last update the master applied, for read-your-writes on slaves with
     * {@link Consistency#atLeast(long)}.
     */
    public Consistency.AtLeast getTxid() {
        Consistency txid = execute(Commands.getTxid());
        if (txid instanceof Consistency.AtLeast atLeast) {
            return atLeast;
        }
        throw new ArakoonProtocolException("GET_TXID answered " + txid + " instead of an at-least txid");
    }

    public String ping(String clientId) {
        return execute(Commands.ping(clientId, config.clusterId()));
    }

    public ArakoonVersion version() {
        return execute(Commands.version());
    }

    public NamedValue statistics() {
        return execute(Commands.statistics());
    }

    public String currentState() {
        return execute(Commands.currentState());
    }

    public boolean expectProgressPossible() {
        return execute(Commands.expectProgressPossible());
    }

    /** The master's name, found with WHO_MASTER if not known yet. */
    public String master() {
        long deadline = System.nanoTime() + config.failoverDeadline().toNanos();
        return masterConnection(deadline).node().name();
    }

    /** Asks every node, one after the other, whom it takes for master and what state it is in. */
    public List<NodeStatus> nodeStatus() {
        List<NodeStatus> status = new ArrayList<>();
        for (ArakoonNode node : config.nodes()) {
            try {
                NodeConnection connection = connection(node.name());
                Optional<String> believed = connection.call(Commands.whoMaster(), config.requestTimeout());
                String state = connection.call(Commands.currentState(), config.requestTimeout());
                status.add(new NodeStatus(node.name(), connection.address(), true, believed, state, ""));
            } catch (ArakoonException e) {
                status.add(new NodeStatus(node.name(), node.address(), false, Optional.empty(), "", e.getMessage()));
            }
        }
        return status;
    }

    // ---------------------------------------------------------------- execution

    private void checkValue(byte[] key, byte[] value) {
        if (value.length >= config.maxValueSize()) {
            throw new ArakoonValueTooLargeException("value of " + value.length + " bytes for key "
                    + Bytes.describe(key) + " is not below the cluster's limit of " + config.maxValueSize()
                    + " bytes");
        }
    }

    private <T> T execute(Command<T> command) {
        if (closed) {
            throw new ArakoonException("the client for cluster " + config.clusterId() + " is closed");
        }
        long deadline = System.nanoTime() + config.failoverDeadline().toNanos();
        return command.route() == Command.Route.ANY_NODE
                ? executeAnywhere(command, deadline)
                : executeOnMaster(command, deadline);
    }

    private <T> T executeOnMaster(Command<T> command, long deadline) {
        for (int attempt = 1; ; attempt++) {
            NodeConnection connection = null;
            ArakoonException failure;
            try {
                connection = masterConnection(deadline);
                return connection.call(command, config.requestTimeout());
            } catch (ArakoonNotMasterException e) {
                lostMaster(connection, e.believedMaster().orElse(null));
                failure = e;
            } catch (ArakoonMaxConnectionsException e) {
                lostMaster(connection, null);
                failure = e;
            } catch (ArakoonConnectionException | ArakoonTimeoutException | ArakoonGoingDownException
                     | ArakoonNoLongerMasterException e) {
                lostMaster(connection, null);
                boolean mayHaveRun = !(e instanceof ArakoonConnectionException c) || c.requestSent();
                if (mayHaveRun && !command.idempotent()) {
                    throw new ArakoonOutcomeUnknownException(command.name() + " on cluster " + config.clusterId()
                            + " may or may not have been applied: " + e.getMessage(), e);
                }
                failure = e;
            }
            LOG.debug("{} on cluster {} failed (attempt {}): {}", command.name(), config.clusterId(), attempt,
                    failure.getMessage());
            if (!pause(attempt, deadline)) {
                throw failure;
            }
        }
    }

    private <T> T executeAnywhere(Command<T> command, long deadline) {
        for (int attempt = 1; ; attempt++) {
            ArakoonException failure = null;
            for (String name : readOrder()) {
                try {
                    return connection(name).call(command, config.requestTimeout());
                } catch (ArakoonConnectionException | ArakoonTimeoutException | ArakoonGoingDownException
                         | ArakoonMaxConnectionsException e) {
                    if (name.equals(master)) {
                        master = null;
                    }
                    failure = e;
                } catch (ArakoonInconsistentReadException e) {
                    failure = e;
                }
            }
            if (!pause(attempt, deadline)) {
                throw failure;
            }
        }
    }

    /** Master first (when known) unless slave reads are preferred, in which case the slaves take turns first. */
    private List<String> readOrder() {
        String known = master;
        List<String> others = new ArrayList<>();
        config.nodes().forEach(n -> {
            if (!n.name().equals(known)) {
                others.add(n.name());
            }
        });
        List<String> order = new ArrayList<>(config.nodes().size());
        if (config.readFromSlaves()) {
            int start = others.isEmpty() ? 0 : Math.floorMod(readRotation.getAndIncrement(), others.size());
            for (int i = 0; i < others.size(); i++) {
                order.add(others.get((start + i) % others.size()));
            }
            if (known != null) {
                order.add(known);
            }
        } else {
            if (known != null) {
                order.add(known);
            }
            order.addAll(others);
        }
        return order;
    }

    private void lostMaster(NodeConnection connection, String believedMaster) {
        if (connection != null && connection.node().name().equals(master)) {
            master = null;
        }
        if (believedMaster != null && config.node(believedMaster) != null) {
            masterHint = believedMaster;
        }
    }

    /** Sleeps a growing step, never past the deadline; false when the deadline has passed. */
    private boolean pause(int attempt, long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return false;
        }
        long step = Math.min(BACKOFF_STEP.toNanos() * attempt, BACKOFF_MAX.toNanos());
        try {
            TimeUnit.NANOSECONDS.sleep(Math.min(step, remaining));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArakoonException("interrupted while waiting to retry on cluster " + config.clusterId(), e);
        }
        return true;
    }

    private NodeConnection masterConnection(long deadline) {
        String known = master;
        if (known != null) {
            try {
                return connection(known);
            } catch (ArakoonConnectionException e) {
                if (known.equals(master)) {
                    master = null;
                }
            }
        }
        try {
            // one thread discovers; the others wait for its answer, but not past their own deadline
            if (!discovery.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new ArakoonNoMasterException("no master for cluster " + config.clusterId() + " within "
                        + config.failoverDeadline().toMillis() + " ms: discovery still running", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArakoonException("interrupted while waiting for master discovery on cluster "
                    + config.clusterId(), e);
        }
        try {
            known = master;
            if (known == null) {
                known = discover(deadline);
                master = known;
                LOG.info("master of cluster {} is {}", config.clusterId(), known);
            }
        } finally {
            discovery.unlock();
        }
        return connection(known);
    }

    /**
     * Asks the nodes in turn (a named master first) until one names itself master; repeats with backoff until the
     * deadline.
     */
    private String discover(long deadline) {
        for (int round = 1; ; round++) {
            Deque<String> queue = new ArrayDeque<>();
            Set<String> order = new LinkedHashSet<>();
            String hint = masterHint;
            if (hint != null) {
                order.add(hint);
            }
            config.nodes().forEach(n -> order.add(n.name()));
            queue.addAll(order);
            Set<String> asked = new HashSet<>();
            boolean someAlive = false;
            ArakoonException lastFailure = null;
            while (!queue.isEmpty()) {
                String name = queue.poll();
                if (!asked.add(name)) {
                    continue;
                }
                Optional<String> says;
                try {
                    says = connection(name).call(Commands.whoMaster(), whoMasterTimeout());
                } catch (ArakoonException e) {
                    lastFailure = e;
                    continue;
                }
                someAlive = true;
                if (says.isPresent()) {
                    String named = says.get();
                    if (named.equals(name)) {
                        masterHint = null;
                        return name;
                    }
                    if (config.node(named) != null && !asked.contains(named)) {
                        queue.addFirst(named);
                    }
                }
            }
            if (!pause(round, deadline)) {
                String why = someAlive ? "no node confirmed itself as master" : "no node could be reached";
                throw new ArakoonNoMasterException("no master for cluster " + config.clusterId() + " within "
                        + config.failoverDeadline().toMillis() + " ms: " + why, lastFailure);
            }
        }
    }

    /** WHO_MASTER needs no consensus, so a node that does not answer it quickly is skipped, as the OCaml client does. */
    private Duration whoMasterTimeout() {
        return config.requestTimeout().compareTo(WHO_MASTER_TIMEOUT) < 0 ? config.requestTimeout() : WHO_MASTER_TIMEOUT;
    }

    /** One of the node's connections, in turn; opened when it is missing or closed. */
    private NodeConnection connection(String name) {
        int slot = config.connectionsPerNode() == 1 ? 0
                : Math.floorMod(connectionTurn.getAndIncrement(), config.connectionsPerNode());
        String id = name + "#" + slot;
        NodeConnection existing = connections.get(id);
        if (existing != null && existing.isOpen()) {
            return existing;
        }
        synchronized (connectLocks.computeIfAbsent(id, n -> new Object())) {
            existing = connections.get(id);
            if (existing != null && existing.isOpen()) {
                return existing;
            }
            ArakoonNode node = config.node(name);
            NodeConnection fresh = NodeConnection.open(node, config.clusterId(), config.connectTimeout(), timer,
                    readers);
            connections.put(id, fresh);
            if (closed) {
                fresh.close();
                throw new ArakoonException("the client for cluster " + config.clusterId() + " is closed");
            }
            return fresh;
        }
    }

    /** Closes every connection; calls in flight fail. */
    @Override
    public void close() {
        closed = true;
        connections.values().forEach(NodeConnection::close);
        connections.clear();
        timer.shutdownNow();
    }
}
