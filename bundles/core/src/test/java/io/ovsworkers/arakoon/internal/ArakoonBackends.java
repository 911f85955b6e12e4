package io.ovsworkers.arakoon.internal;

import io.ovsworkers.arakoon.testserver.ArakoonTestCluster;
import io.ovsworkers.spi.KeyValueStore;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * The Arakoon key-value store for the core's tests outside OSGi, connected to an {@link ArakoonTestCluster} (the
 * Arakoon test double of the arakoon module; no Arakoon server runs here). In this package because the store's
 * constructor for a connector is package-private.
 */
public final class ArakoonBackends implements AutoCloseable {
    private final ArakoonTestCluster cluster;
    private final ArakoonConnector connector;
    private final ArakoonKeyValueStore store;

    public ArakoonBackends(String clusterId, int nodes) throws IOException {
        cluster = ArakoonTestCluster.start(clusterId, nodes);
        connector = new ArakoonConnector(configuration(cluster));
        store = new ArakoonKeyValueStore(connector);
    }

    public KeyValueStore store() {
        return store;
    }

    @Override
    public void close() {
        connector.close();
        cluster.close();
    }

    /** As ConfigAdmin would give it: the cluster's nodes, the rest defaults. */
    private static ArakoonConfiguration configuration(ArakoonTestCluster cluster) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("clusterId", cluster.clientConfig().build().clusterId());
        properties.put("nodes", cluster.nodeNames().stream().map(n -> n + "=127.0.0.1:" + cluster.port(n)).toArray(String[]::new));
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
