package io.ovsworkers.arakoon.client;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How to reach a cluster and how patient to be with it.
 *
 * @param clusterId the cluster id, sent in every connection's prologue
 * @param nodes the nodes, in the order discovery asks them
 * @param connectTimeout how long one connection attempt to one address may take
 * @param requestTimeout how long one request may wait for its reply; the connection is dropped when it passes
 * @param failoverDeadline how long one operation may spend finding the master and retrying before it fails
 * @param readFromSlaves whether reads with {@link Consistency#NO_GUARANTEES} or {@link Consistency#atLeast(long)}
 *                       go to slaves first, spreading load; otherwise they go to the master first and to other
 *                       nodes only when it cannot be reached
 * @param maxValueSize values of this many bytes or more are refused before sending (the cluster's
 *                     {@code __tainted_max_value_size}, 8 MiB by default)
 * @param maxBufferSize sequences larger than this are refused before sending ({@code __tainted_max_buffer_size},
 *                      32 MiB by default)
 * @param connectionsPerNode connections kept to each node, shared by all threads (1 by default). A node handles one
 *                           connection's requests one after another but commits writes that arrive on several
 *                           connections together, so more connections raise the write rate of many threads
 */
public record ArakoonClusterConfig(String clusterId, List<ArakoonNode> nodes, Duration connectTimeout,
                                   Duration requestTimeout, Duration failoverDeadline, boolean readFromSlaves,
                                   int maxValueSize, int maxBufferSize, int connectionsPerNode) {

    public static final int DEFAULT_MAX_VALUE_SIZE = 8 * 1024 * 1024;
    public static final int DEFAULT_MAX_BUFFER_SIZE = 32 * 1024 * 1024;

    public ArakoonClusterConfig {
        Objects.requireNonNull(clusterId, "clusterId");
        if (clusterId.isBlank()) {
            throw new IllegalArgumentException("clusterId must not be blank");
        }
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one node");
        }
        Set<String> names = new HashSet<>();
        for (ArakoonNode node : nodes) {
            if (!names.add(node.name())) {
                throw new IllegalArgumentException("node name " + node.name() + " appears twice");
            }
        }
        positive(connectTimeout, "connectTimeout");
        positive(requestTimeout, "requestTimeout");
        positive(failoverDeadline, "failoverDeadline");
        if (maxValueSize < 1 || maxBufferSize < 1) {
            throw new IllegalArgumentException("maxValueSize and maxBufferSize must be positive");
        }
        if (connectionsPerNode < 1) {
            throw new IllegalArgumentException("connectionsPerNode must be at least 1, was " + connectionsPerNode);
        }
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
        }
    }

    public static Builder builder(String clusterId, List<ArakoonNode> nodes) {
        return new Builder(clusterId, nodes);
    }

    /**
     * Reads a cluster's {@code .ini} file, the one its nodes run with: {@code cluster_id} and {@code cluster} from
     * {@code [global]}, {@code ip} and {@code client_port} from each node's section, and the tainted size limits.
     * TLS clusters are refused: this client speaks plain TCP.
     */
    public static Builder fromIni(Path iniFile) throws IOException {
        return IniFile.read(iniFile);
    }

    public Builder toBuilder() {
        return new Builder(clusterId, nodes).connectTimeout(connectTimeout).requestTimeout(requestTimeout)
                .failoverDeadline(failoverDeadline).readFromSlaves(readFromSlaves).maxValueSize(maxValueSize)
                .maxBufferSize(maxBufferSize).connectionsPerNode(connectionsPerNode);
    }

    public ArakoonNode node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * Defaults: connect 2 s, request 10 s, failover 30 s, master reads, Arakoon's default size limits, one connection
     * per node.
     */
    public static final class Builder {
        private final String clusterId;
        private final List<ArakoonNode> nodes;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration failoverDeadline = Duration.ofSeconds(30);
        private boolean readFromSlaves;
        private int maxValueSize = DEFAULT_MAX_VALUE_SIZE;
        private int maxBufferSize = DEFAULT_MAX_BUFFER_SIZE;
        private int connectionsPerNode = 1;

        Builder(String clusterId, List<ArakoonNode> nodes) {
            this.clusterId = clusterId;
            this.nodes = nodes;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            requestTimeout = value;
            return this;
        }

        public Builder failoverDeadline(Duration value) {
            failoverDeadline = value;
            return this;
        }

        public Builder readFromSlaves(boolean value) {
            readFromSlaves = value;
            return this;
        }

        public Builder maxValueSize(int value) {
            maxValueSize = value;
            return this;
        }

        public Builder maxBufferSize(int value) {
            maxBufferSize = value;
            return this;
        }

        public Builder connectionsPerNode(int value) {
            connectionsPerNode = value;
            return this;
        }

        public ArakoonClusterConfig build() {
            return new ArakoonClusterConfig(clusterId, nodes, connectTimeout, requestTimeout, failoverDeadline,
                    readFromSlaves, maxValueSize, maxBufferSize, connectionsPerNode);
        }
    }
}
