package io.ovsworkers.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ovsworkers.api.EnsureSingle;
import io.ovsworkers.api.Mode;
import io.ovsworkers.api.OvsTask;
import io.ovsworkers.api.locks.LockRegistration;
import io.ovsworkers.arakoon.internal.ArakoonBackends;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the node running a DEDUPED task: a child JVM ({@link CrashChild}) runs it with its registration on
 * the Arakoon test cluster (the arakoon module's test double; no Arakoon server runs here); this process's node waits
 * with an identical call. The duplicate never runs while the child renews its lease, and runs once the killed child's
 * lease ran out.
 */
class ArakoonCrashTest {
    private static final Duration LEASE = Duration.ofMillis(2500);

    public static class Survivor {
        final Probe probe;

        public Survivor(Probe probe) {
            this.probe = probe;
        }

        /** The same task as the child's; the label only names the call for the probe. */
        @OvsTask(name = CrashChild.TASK, ensureSingle = @EnsureSingle(mode = Mode.DEDUPED, ignoreArguments = "label"))
        public String run(String volume, String label) {
            return probe.run(label);
        }
    }

    @Test
    void waitingDuplicateRunsOnceTheKilledOwnersLeaseExpires() throws Exception {
        Probe probe = new Probe();
        try (ArakoonBackends arakoon = ArakoonBackends.start("crash", 3);
             TestNode survivor = new TestNode("survivor-node", arakoon.store(), null, null, LEASE, probe, 1, new Survivor(probe))) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), arakoon.clusterId(),
                    Long.toString(LEASE.toMillis())));
            command.addAll(arakoon.nodes());
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                awaitLine(child, CrashChild.RUNNING);
                LockRegistration owner = survivor.gate.list().get(0);
                assertEquals("doomed-node", owner.node().orElseThrow());
                Instant firstLease = owner.leaseExpires().orElseThrow();

                CompletableFuture<Object> duplicate = CompletableFuture.supplyAsync(
                        () -> survivor.tasks().task(CrashChild.TASK).call("volume-1", "survivor"));
                probe.awaitState("survivor", "WAITING");
                Instant pastFirstLease = firstLease.plusMillis(300);
                Probe.await("the first lease to end", () -> Instant.now().isAfter(pastFirstLease));
                assertEquals(List.of("WAITING"), probe.states("survivor"), "the duplicate waits while the owner renews");
                assertTrue(survivor.gate.list().get(0).leaseExpires().orElseThrow().isAfter(firstLease), "the owner renewed");

                child.destroyForcibly();
                assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not die");

                assertEquals("ran survivor", duplicate.get(Probe.DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
                assertTrue(survivor.gate.list().isEmpty(), "the dead owner's registration is gone: " + survivor.gate.list());
            } finally {
                child.destroyForcibly();
            }
        }
    }

    /** Reads the child's output until the line, failing with what it printed if it does not come. */
    private static void awaitLine(Process child, String expected) throws InterruptedException {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
                output.lines().forEach(lines::add);
            } catch (IOException ended) {
                lines.add("output ended: " + ended);
            }
        });
        reader.setDaemon(true);
        reader.start();
        List<String> seen = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            String line = lines.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            if (line.equals(expected)) {
                return;
            }
            seen.add(line);
        }
        fail("the child never printed " + expected + "; it printed: " + seen);
    }
}
