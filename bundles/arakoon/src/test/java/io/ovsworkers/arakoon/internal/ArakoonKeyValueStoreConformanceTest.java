package io.ovsworkers.arakoon.internal;

import io.ovsworkers.arakoon.testserver.ArakoonTestCluster;
import io.ovsworkers.spi.KeyValueStore;
import io.ovsworkers.spi.conformance.KeyValueStoreConformance;
import java.util.Map;

/**
 * The SPI contract for {@link ArakoonKeyValueStore}, against the 3-node {@link ArakoonTestCluster} test double (no
 * Arakoon server can run on this machine).
 */
class ArakoonKeyValueStoreConformanceTest extends KeyValueStoreConformance {
    private ArakoonTestCluster cluster;
    private ArakoonConnector connector;

    @Override
    protected KeyValueStore createStore() throws Exception {
        cluster = ArakoonTestCluster.start("kv_conformance", 3);
        connector = new ArakoonConnector(Configs.forCluster(cluster, Map.of()));
        return new ArakoonKeyValueStore(connector);
    }

    @Override
    protected void closeStore(KeyValueStore store) {
        connector.close();
        cluster.close();
    }

    @Override
    protected boolean supportsRestart() {
        return true;
    }

    @Override
    protected KeyValueStore restart(KeyValueStore store) {
        connector.close();
        connector = new ArakoonConnector(Configs.forCluster(cluster, Map.of()));
        return new ArakoonKeyValueStore(connector);
    }
}
