package io.ovsworkers.spi;

import org.osgi.annotation.versioning.ProviderType;

/** A message handed to a consumer; settled by exactly one of {@link #ack()}, {@link #requeue()}, {@link #deadLetter(String)}. */
@ProviderType
public interface Delivery {

    /** The decoded message. */
    TaskMessage message();

    /** Whether this message was delivered before and not acknowledged. */
    boolean redelivered();

    /** Processing finished; the broker forgets the message. */
    void ack();

    /** Processing did not happen; the message goes back to its queue. */
    void requeue();

    /** The message can never be processed; it moves to the dead-letter queue with this reason. */
    void deadLetter(String reason);
}
