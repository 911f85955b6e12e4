package io.ovsworkers.core.internal;

import static org.junit.jupiter.api.Assertions.fail;

import io.ovsworkers.core.internal.single.GateEvent;
import io.ovsworkers.core.internal.single.GateListener;
import io.ovsworkers.core.internal.single.GuardedCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * What the ensure-single tests observe, as the original's unit-test mode recorded it: the states each call went
 * through (EXECUTING, FINISHED, DISCARDED, CALLBACK, WAITING, WAITED, TIMED_OUT), the order in which calls started
 * waiting and finished, and how many task bodies ran at once. Calls are named by their {@code label} argument.
 * A task body blocks while its label is {@link #hold held}, until {@link #release released}.
 */
final class Probe implements GateListener {
    static final Duration DEADLINE = Duration.ofSeconds(20);

    private final Map<String, List<String>> states = new HashMap<>();
    private final Set<String> waiting = new LinkedHashSet<>();
    private final List<String> finished = new ArrayList<>();
    private final Map<String, CountDownLatch> held = new HashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger bodies = new AtomicInteger();

    /** The body of every test task. */
    String run(String label) {
        int now = running.incrementAndGet();
        mostAtOnce.accumulateAndGet(now, Math::max);
        bodies.incrementAndGet();
        mark(label, "EXECUTING");
        try {
            CountDownLatch latch;
            synchronized (this) {
                latch = held.get(label);
            }
            if (latch != null && !latch.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("call " + label + " was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            running.decrementAndGet();
        }
        synchronized (this) {
            finished.add(label);
        }
        mark(label, "FINISHED");
        return "ran " + label;
    }

    synchronized void hold(String... labels) {
        for (String label : labels) {
            held.put(label, new CountDownLatch(1));
        }
    }

    synchronized void release(String label) {
        held.get(label).countDown();
    }

    synchronized void releaseAll() {
        held.values().forEach(CountDownLatch::countDown);
    }

    @Override
    public void on(GuardedCall call, String registrationId, GateEvent event) {
        GateListener.LOGGING.on(call, registrationId, event);
        String label = label(call);
        switch (event) {
            case QUEUED, WAITING_FOR_DUPLICATE -> {
                synchronized (this) {
                    waiting.add(label);
                }
                mark(label, "WAITING");
            }
            case RUNNING -> {
            }
            default -> mark(label, event.name());
        }
    }

    private static String label(GuardedCall call) {
        if (call.kwargs() != null && call.kwargs().containsKey("label")) {
            return String.valueOf(call.kwargs().get("label"));
        }
        int index = call.parameterNames().indexOf("label");
        return index >= 0 && call.args() != null && index < call.args().length ? String.valueOf(call.args()[index]) : "?";
    }

    synchronized void mark(String label, String state) {
        states.computeIfAbsent(label, k -> new ArrayList<>()).add(state);
        notifyAll();
    }

    synchronized List<String> states(String label) {
        return List.copyOf(states.getOrDefault(label, List.of()));
    }

    synchronized String last(String label) {
        List<String> all = states.getOrDefault(label, List.of());
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    synchronized List<String> waitingOrder() {
        return List.copyOf(waiting);
    }

    synchronized List<String> finishedOrder() {
        return List.copyOf(finished);
    }

    int mostAtOnce() {
        return mostAtOnce.get();
    }

    int bodies() {
        return bodies.get();
    }

    /** Waits until the call has been in that state. */
    synchronized void awaitState(String label, String state) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!states.getOrDefault(label, List.of()).contains(state)) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                fail("call " + label + " never reached " + state + "; its states: " + states.get(label));
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(e);
            }
        }
    }

    /** Waits, polling, for a condition the probe is not told about (the store's content, a clock). */
    static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
