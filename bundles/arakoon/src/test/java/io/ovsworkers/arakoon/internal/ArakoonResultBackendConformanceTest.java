package io.ovsworkers.arakoon.internal;

import io.ovsworkers.arakoon.testserver.ArakoonTestCluster;
import io.ovsworkers.spi.ResultBackend;
import io.ovsworkers.spi.conformance.ResultBackendConformance;
import java.util.Map;

/**
 * The SPI contract for {@link ArakoonResultBackend}, against the 3-node {@link ArakoonTestCluster} test double (no
 * Arakoon server can run on this machine).
 */
class ArakoonResultBackendConformanceTest extends ResultBackendConformance {
    private ArakoonTestCluster cluster;
    private ArakoonConnector connector;
    private ArakoonResultBackend backend;

    @Override
    protected ResultBackend createBackend() throws Exception {
        cluster = ArakoonTestCluster.start("results_conformance", 3);
        connector = new ArakoonConnector(Configs.forCluster(cluster, Map.of()));
        backend = new ArakoonResultBackend(connector);
        return backend;
    }

    @Override
    protected void closeBackend(ResultBackend ignored) {
        backend.deactivate();
        connector.close();
        cluster.close();
    }

    @Override
    protected boolean supportsRestart() {
        return true;
    }

    @Override
    protected ResultBackend restart(ResultBackend ignored) {
        backend.deactivate();
        connector.close();
        connector = new ArakoonConnector(Configs.forCluster(cluster, Map.of()));
        backend = new ArakoonResultBackend(connector);
        return backend;
    }
}
