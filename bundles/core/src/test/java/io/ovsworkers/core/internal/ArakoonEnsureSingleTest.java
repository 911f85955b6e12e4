package io.ovsworkers.core.internal;

import io.ovsworkers.arakoon.internal.ArakoonBackends;
import io.ovsworkers.embedded.internal.EmbeddedBackends;
import io.ovsworkers.spi.KeyValueStore;

/**
 * The ensure-single scenarios with the registrations on Arakoon: the arakoon module's key-value store against its
 * 3-node Arakoon test server (a test double validated against captured vectors; no Arakoon server runs here).
 */
class ArakoonEnsureSingleTest extends EnsureSingleScenarios {
    private ArakoonBackends arakoon;

    @Override
    KeyValueStore lockStore(EmbeddedBackends embedded) throws Exception {
        arakoon = ArakoonBackends.start("ensure_single", 3);
        return arakoon.store();
    }

    @Override
    void closeLockStore() {
        arakoon.close();
    }
}
