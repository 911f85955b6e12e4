package io.ovsworkers.embedded.internal;

import io.ovsworkers.spi.KeyValueStore;
import io.ovsworkers.spi.conformance.KeyValueStoreConformance;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The key-value store conformance suite on the embedded store, restarted by closing and reopening its folder. */
class EmbeddedStoreConformanceTest extends KeyValueStoreConformance {

    @TempDir
    Path folder;

    @Override
    protected KeyValueStore createStore() {
        return new EmbeddedStore(folder);
    }

    @Override
    protected void closeStore(KeyValueStore store) {
        ((EmbeddedStore) store).close();
    }

    @Override
    protected boolean supportsRestart() {
        return true;
    }

    @Override
    protected KeyValueStore restart(KeyValueStore store) {
        closeStore(store);
        return createStore();
    }
}
