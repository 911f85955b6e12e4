package io.ovsworkers.spi.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** How long the suite waits for something a backend does asynchronously, and the waiting itself. */
final class Deadline {

    /** Generous, so that a slow machine never fails a test; a correct backend is far quicker. */
    static final Duration WAIT = Duration.ofSeconds(20);

    private static final long POLL_MILLIS = 10;

    private Deadline() {
    }

    /** Waits until the condition holds, failing the test with {@code what} when {@link #WAIT} passes first. */
    static void awaitCondition(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                fail("Timed out after " + WAIT.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
