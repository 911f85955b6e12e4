package io.ovsworkers.spi;

import org.osgi.annotation.versioning.ProviderType;

/** A running consumer. Closing it stops deliveries; unacknowledged deliveries are returned to the queue. */
@ProviderType
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
