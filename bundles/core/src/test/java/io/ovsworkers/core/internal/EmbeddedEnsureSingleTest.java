package io.ovsworkers.core.internal;

import io.ovsworkers.embedded.internal.EmbeddedBackends;
import io.ovsworkers.spi.KeyValueStore;

/** The ensure-single scenarios on the embedded (MVStore) key-value store, the default of a single machine. */
class EmbeddedEnsureSingleTest extends EnsureSingleScenarios {

    @Override
    KeyValueStore lockStore(EmbeddedBackends embedded) {
        return embedded.store();
    }
}
