package io.ovsworkers.embedded.internal;

import io.ovsworkers.spi.ResultBackend;
import io.ovsworkers.spi.conformance.ResultBackendConformance;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The result backend conformance suite on the embedded store, restarted by closing and reopening its folder. */
class EmbeddedResultBackendConformanceTest extends ResultBackendConformance {

    @TempDir
    Path folder;

    private EmbeddedStore store;

    @Override
    protected ResultBackend createBackend() {
        store = new EmbeddedStore(folder);
        return new EmbeddedResultBackend(store);
    }

    @Override
    protected void closeBackend(ResultBackend backend) {
        ((EmbeddedResultBackend) backend).deactivate();
        store.close();
    }

    @Override
    protected boolean supportsRestart() {
        return true;
    }

    @Override
    protected ResultBackend restart(ResultBackend backend) {
        closeBackend(backend);
        return createBackend();
    }
}
