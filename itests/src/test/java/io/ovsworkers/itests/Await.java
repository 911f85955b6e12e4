package io.ovsworkers.itests;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition with a deadline; never a fixed sleep. */
final class Await {
    private Await() {
    }

    static <T> T until(String what, Duration deadline, Supplier<T> probe) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        long pause = 5;
        while (true) {
            T value = probe.get();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out after " + deadline + " waiting for " + what);
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 100);
        }
    }
}
