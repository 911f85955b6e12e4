package io.ovsworkers.spi;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives deliveries from a {@link Broker} subscription. */
@ConsumerType
@FunctionalInterface
public interface DeliveryHandler {
    /**
     * Called once per delivery, on a broker thread. The handler must settle the delivery exactly once, now or
     * later, from any thread.
     */
    void onDelivery(Delivery delivery);
}
