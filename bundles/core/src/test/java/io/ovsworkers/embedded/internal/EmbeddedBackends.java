package io.ovsworkers.embedded.internal;

import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.KeyValueStore;
import io.ovsworkers.spi.ResultBackend;
import java.nio.file.Path;

/**
 * The real embedded backends for the core's tests outside OSGi: opens them in a folder and closes them, as SCR
 * would activate and deactivate them. (Their constructors for a folder are package-private, hence this class in
 * their package.)
 */
public final class EmbeddedBackends implements AutoCloseable {
    private final EmbeddedStore store;
    private final EmbeddedBroker broker;
    private final EmbeddedResultBackend results;

    public EmbeddedBackends(Path folder) {
        store = new EmbeddedStore(folder);
        broker = new EmbeddedBroker(folder);
        results = new EmbeddedResultBackend(store);
    }

    public KeyValueStore store() {
        return store;
    }

    public Broker broker() {
        return broker;
    }

    public ResultBackend results() {
        return results;
    }

    @Override
    public void close() {
        results.deactivate();
        broker.close();
        store.close();
    }
}
