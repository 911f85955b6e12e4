package io.ovsworkers.embedded.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.spi.TaskMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task threads get interrupted (time limits, revoke --terminate). A FileChannel used by an interrupted thread closes
 * itself, which would close the whole store for every user: the stores must keep working, and the caller keep its
 * interrupt.
 */
class InterruptedCallerTest {
    private static final byte[] VALUE = "v".getBytes(StandardCharsets.UTF_8);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void anInterruptedWriterDoesNotCloseTheStore(@TempDir Path folder) {
        EmbeddedStore store = new EmbeddedStore(folder);
        try {
            Thread.currentThread().interrupt();
            store.set("k", VALUE);
            assertTrue(Thread.interrupted(), "the caller keeps its interrupt");
            assertArrayEquals(VALUE, store.get("k").orElseThrow());
            store.set("k2", VALUE);
            assertEquals(List.of("k", "k2"), store.keys("k", 10));
        } finally {
            store.close();
        }
    }

    @Test
    void anInterruptedPublisherDoesNotCloseTheBroker(@TempDir Path folder) {
        EmbeddedBroker broker = new EmbeddedBroker(folder);
        try {
            broker.declareQueue("q", "q.#");
            Thread.currentThread().interrupt();
            broker.publish(new TaskMessage("id-1", "t", List.of(), Map.of(), "q.x", null, null, null, 0, null, Map.of()));
            assertTrue(Thread.interrupted(), "the caller keeps its interrupt");
            broker.publish(new TaskMessage("id-2", "t", List.of(), Map.of(), "q.x", null, null, null, 0, null, Map.of()));
            assertEquals(2, broker.depth("q"));
        } finally {
            broker.close();
        }
    }
}
