package io.ovsworkers.arakoon.internal;

import io.ovsworkers.arakoon.testserver.ArakoonTestCluster;
import io.ovsworkers.spi.KeyValueStore;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

/**
 * The Arakoon key-value store for the core's tests outside OSGi, connected to an {@link ArakoonTestCluster} (the
 * Arakoon test double of the arakoon module; no Arakoon server runs here), which this process started or another
 * one did. In this package because the store's constructor for a connector is package-private.
 */
public final class ArakoonBackends implements AutoCloseable {
    private final ArakoonTestCluster cluster;
    private final String clusterId;
    private final List<String> nodes;
    private final ArakoonConnector connector;
    private final ArakoonKeyValueStore store;

    private ArakoonBackends(ArakoonTestCluster cluster, String clusterId, List<String> nodes) {
        this.cluster = cluster;
        this.clusterId = clusterId;
        this.nodes = List.copyOf(nodes);
        connector = new ArakoonConnector(configuration(clusterId, nodes));
        store = new ArakoonKeyValueStore(connector);
    }

    /** Starts a test cluster of that many nodes in this process and connects to it. */
    public static ArakoonBackends start(String clusterId, int nodeCount) throws IOException {
        ArakoonTestCluster cluster = ArakoonTestCluster.start(clusterId, nodeCount);
        List<String> nodes = cluster.nodeNames().stream().map(n -> n + "=127.0.0.1:" + cluster.port(n)).toList();
        return new ArakoonBackends(cluster, cluster.clientConfig().build().clusterId(), nodes);
    }

    /** Connects to a test cluster that another process runs. */
    public static ArakoonBackends connect(String clusterId, List<String> nodes) {
        return new ArakoonBackends(null, clusterId, nodes);
    }

    public KeyValueStore store() {
        return store;
    }

    public String clusterId() {
        return clusterId;
    }

    /** The nodes as {@code name=host:port}. */
    public List<String> nodes() {
        return nodes;
    }

    @Override
    public void close() {
        connector.close();
        if (cluster != null) {
            cluster.close();
        }
    }

    /** As ConfigAdmin would give it: the cluster's nodes, the rest defaults. */
    private static ArakoonConfiguration configuration(String clusterId, List<String> nodes) {
        Map<String, Object> properties = Map.of("clusterId", clusterId, "nodes", nodes.toArray(String[]::new));
        return (ArakoonConfiguration) Proxy.newProxyInstance(ArakoonConfiguration.class.getClassLoader(),
                new Class<?>[] {ArakoonConfiguration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return ArakoonConfiguration.class;
                    }
                    Object value = properties.get(method.getName());
                    return value != null ? value : method.getDefaultValue();
                });
    }
}
