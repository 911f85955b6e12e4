package io.ovsworkers.embedded.internal;

import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.conformance.BrokerConformance;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The broker conformance suite on the embedded broker, restarted by closing and reopening its folder. */
class EmbeddedBrokerConformanceTest extends BrokerConformance {

    @TempDir
    Path folder;

    @Override
    protected Broker createBroker() {
        return new EmbeddedBroker(folder);
    }

    @Override
    protected void closeBroker(Broker broker) {
        ((EmbeddedBroker) broker).close();
    }

    @Override
    protected boolean supportsRestart() {
        return true;
    }

    @Override
    protected Broker restart(Broker broker) {
        closeBroker(broker);
        return createBroker();
    }
}
