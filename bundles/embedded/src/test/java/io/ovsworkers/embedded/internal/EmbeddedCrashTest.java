package io.ovsworkers.embedded.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ovsworkers.api.TaskState;
import io.ovsworkers.spi.Delivery;
import io.ovsworkers.spi.Subscription;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a process in the middle of writing loses nothing that a call had returned for: a child JVM
 * ({@link CrashChild}) writes and publishes until this test has seen enough acknowledgements and kills it; then
 * the store and broker are reopened on its folder.
 */
class EmbeddedCrashTest {

    private static final int ROUNDS_BEFORE_KILL = 150;
    private static final String END_OF_OUTPUT = "\u0000end";

    @TempDir
    Path folder;

    @Test
    void killedProcessLosesNothingItAcknowledged() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), folder.toString())
                .redirectErrorStream(true).start();
        BlockingQueue<String> output = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException e) {
                output.add("output failed: " + e);
            }
            output.add(END_OF_OUTPUT);
        });
        reader.start();
        int acknowledged = -1;
        List<String> otherOutput = new ArrayList<>();
        try {
            while (acknowledged < ROUNDS_BEFORE_KILL) {
                String line = output.poll(60, TimeUnit.SECONDS);
                if (line == null || line.equals(END_OF_OUTPUT)) {
                    fail("the child stopped before " + ROUNDS_BEFORE_KILL + " rounds: " + otherOutput);
                }
                acknowledged = Math.max(acknowledged, acknowledgedRound(line, otherOutput));
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not die");
        }
        reader.join(TimeUnit.SECONDS.toMillis(60));
        for (String line = output.poll(); line != null; line = output.poll()) {
            acknowledged = Math.max(acknowledged, acknowledgedRound(line, otherOutput));
        }
        assertTrue(otherOutput.contains("READY"), "output: " + otherOutput);

        assertStoreHasEveryAcknowledgedWrite(acknowledged);
        assertBrokerHasEveryAcknowledgedMessage(acknowledged);
    }

    private void assertStoreHasEveryAcknowledgedWrite(int acknowledged) {
        EmbeddedStore store = new EmbeddedStore(folder);
        try {
            for (int i = 0; i <= acknowledged; i++) {
                assertEquals(Integer.toString(i), new String(store.get(CrashChild.KEY_PREFIX + i)
                        .orElseThrow(() -> new AssertionError("a written key is missing")), UTF_8));
            }
            long counter = Long.parseLong(new String(store.get(CrashChild.COUNTER).orElseThrow(), UTF_8));
            assertTrue(counter > acknowledged, "counter " + counter + " after round " + acknowledged);
            assertEquals(TaskState.SUCCESS,
                    new EmbeddedResultBackend(store).get(CrashChild.RESULT_TASK).orElseThrow().state());
        } finally {
            store.close();
        }
    }

    private void assertBrokerHasEveryAcknowledgedMessage(int acknowledged) throws InterruptedException {
        EmbeddedBroker broker = new EmbeddedBroker(folder);
        try {
            BlockingQueue<Delivery> inFlight = new LinkedBlockingQueue<>();
            Subscription redelivery = broker.subscribe(CrashChild.IN_FLIGHT_QUEUE, 10, inFlight::add);
            for (int i = 0; i < CrashChild.IN_FLIGHT; i++) {
                Delivery delivery = next(inFlight);
                assertEquals("inflight-" + i, delivery.message().id());
                assertTrue(delivery.redelivered(), "unacknowledged before the kill, so redelivered");
                delivery.ack();
            }
            redelivery.close();

            long queued = broker.depth(CrashChild.WORK_QUEUE);
            assertTrue(queued > acknowledged, queued + " messages queued after round " + acknowledged);
            BlockingQueue<Delivery> work = new LinkedBlockingQueue<>();
            broker.subscribe(CrashChild.WORK_QUEUE, 50, work::add);
            for (int i = 0; i < queued; i++) {
                Delivery delivery = next(work);
                assertEquals("crash-" + i, delivery.message().id());
                assertFalse(delivery.redelivered());
                delivery.ack();
            }
        } finally {
            broker.close();
        }
    }

    private static int acknowledgedRound(String line, List<String> otherOutput) {
        if (line.startsWith("ACK ")) {
            return Integer.parseInt(line.substring(4));
        }
        otherOutput.add(line);
        return -1;
    }

    private static Delivery next(BlockingQueue<Delivery> deliveries) throws InterruptedException {
        Delivery delivery = deliveries.poll(20, TimeUnit.SECONDS);
        assertNotNull(delivery, "no delivery within 20 s");
        return delivery;
    }
}
