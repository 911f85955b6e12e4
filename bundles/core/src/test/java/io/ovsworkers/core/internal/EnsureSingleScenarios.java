package io.ovsworkers.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.api.AsyncResult;
import io.ovsworkers.api.EnsureSingle;
import io.ovsworkers.api.EnsureSingleTimeoutReached;
import io.ovsworkers.api.Mode;
import io.ovsworkers.api.OvsTask;
import io.ovsworkers.api.TaskArgumentException;
import io.ovsworkers.api.TaskFailedException;
import io.ovsworkers.api.TaskOptions;
import io.ovsworkers.api.TaskState;
import io.ovsworkers.api.locks.LockRegistration;
import io.ovsworkers.embedded.internal.EmbeddedBackends;
import io.ovsworkers.spi.BackendException;
import io.ovsworkers.spi.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scenarios of the original's own tests (spec §e 1-15), in OVS Workers' terms (D1): "sync" is an inline call,
 * "async" a call sent through the embedded broker and run by this node's workers. The registrations live in the
 * store a subclass gives; calls are named by their {@code label} argument, which the policies ignore.
 */
abstract class EnsureSingleScenarios {
    static final Duration LEASE = Duration.ofSeconds(30);

    @TempDir
    Path folder;

    EmbeddedBackends backends;
    KeyValueStore store;
    Probe probe;
    TestNode node;
    final List<TestNode> others = new ArrayList<>();
    private final ExecutorService inline = Executors.newCachedThreadPool();

    /** The store the registrations live in; the broker and result backend are always the embedded ones. */
    abstract KeyValueStore lockStore(EmbeddedBackends embedded) throws Exception;

    void closeLockStore() {
    }

    public static class Plugin {
        final Probe probe;

        public Plugin(Probe probe) {
            this.probe = probe;
        }

        @OvsTask(name = "s.default", ensureSingle = @EnsureSingle(mode = Mode.DEFAULT))
        public String plainDefault(String arg1, String label) {
            return probe.run(label);
        }

        @OvsTask(name = "s.default_cb", ensureSingle = @EnsureSingle(mode = Mode.DEFAULT, callback = "callback"))
        public String defaultWithCallback(String arg1, String label) {
            return probe.run(label);
        }

        @OvsTask(name = "s.extra_a", ensureSingle = @EnsureSingle(mode = Mode.DEFAULT))
        public String extraA(String label) {
            return probe.run(label);
        }

        @OvsTask(name = "s.extra_b", ensureSingle = @EnsureSingle(mode = Mode.DEFAULT, extraTaskNames = "s.extra_a"))
        public String extraB(String label) {
            return probe.run(label);
        }

        @OvsTask(name = "s.deduped", ensureSingle = @EnsureSingle(mode = Mode.DEDUPED, ignoreArguments = "label"))
        public String deduped(String arg1, String label) {
            return probe.run(label);
        }

        @OvsTask(name = "s.deduped_cb", ensureSingle = @EnsureSingle(mode = Mode.DEDUPED, ignoreArguments = "label", callback = "callback"))
        public String dedupedWithCallback(String arg1, String label) {
            return probe.run(label);
        }

        @OvsTask(name = "s.chained", ensureSingle = @EnsureSingle(mode = Mode.CHAINED, ignoreArguments = "label"))
        public String chained(String arg1, String label) {
            return probe.run(label);
        }

        @OvsTask(name = "s.chained_cb", ensureSingle = @EnsureSingle(mode = Mode.CHAINED, ignoreArguments = "label", callback = "callback"))
        public String chainedWithCallback(String arg1, String label) {
            return probe.run(label);
        }

        @OvsTask(name = "s.deduped_noargs", ensureSingle = @EnsureSingle(mode = Mode.DEDUPED, ignoreArguments = "label"))
        public String dedupedWithoutArguments(String label) {
            return probe.run(label);
        }

        @OvsTask(name = "s.chained_noargs", ensureSingle = @EnsureSingle(mode = Mode.CHAINED, ignoreArguments = "label"))
        public String chainedWithoutArguments(String label) {
            return probe.run(label);
        }

        @OvsTask(name = "s.compare_all", ensureSingle = @EnsureSingle(mode = Mode.DEDUPED, ignoreArguments = "label"))
        public String compareAll(String arg_1, String ignore_arg_2, String label) {
            return probe.run(label);
        }

        @OvsTask(name = "s.ignore_arg_2", ensureSingle = @EnsureSingle(mode = Mode.DEDUPED, ignoreArguments = {"ignore_arg_2", "label"}))
        public String ignoreSecond(String arg_1, String ignore_arg_2, String label) {
            return probe.run(label);
        }

        @OvsTask(name = "s.structured", ensureSingle = @EnsureSingle(mode = Mode.DEDUPED, ignoreArguments = "label"))
        public String structured(Map<String, Object> options, String label) {
            return probe.run(label);
        }

        @OvsTask(name = "s.extra_in_chained", ensureSingle = @EnsureSingle(mode = Mode.CHAINED, extraTaskNames = "s.deduped"))
        public String extraInChained(String label) {
            return probe.run(label);
        }

        @OvsTask(name = "s.extra_in_deduped", ensureSingle = @EnsureSingle(mode = Mode.DEDUPED, extraTaskNames = "s.deduped"))
        public String extraInDeduped(String label) {
            return probe.run(label);
        }

        /** The callback of the tasks that have one; a label starting with "fail" makes it throw. */
        public String callback(String arg1, String label) {
            probe.mark(label, "CALLBACK_RAN");
            if (label.startsWith("fail")) {
                throw new IllegalStateException("callback of " + label + " failed");
            }
            return "callback " + label;
        }
    }

    @BeforeEach
    void start() throws Exception {
        backends = new EmbeddedBackends(folder);
        store = lockStore(backends);
        probe = new Probe();
        node = node("node-a");
    }

    TestNode node(String machineId) {
        return new TestNode(machineId, store, backends.broker(), backends.results(), LEASE, probe, 4, new Plugin(probe));
    }

    @AfterEach
    void stop() {
        probe.releaseAll();
        inline.shutdownNow();
        others.forEach(TestNode::close);
        node.close();
        backends.close();
        closeLockStore();
    }

    /** An inline call in a thread of its own. */
    CompletableFuture<Object> sync(String task, Map<String, Object> kwargs) {
        return CompletableFuture.supplyAsync(() -> node.tasks().task(task).call(List.of(), kwargs), inline);
    }

    /** A call through the broker, run by a worker. */
    CompletableFuture<Object> async(String task, Map<String, Object> kwargs) {
        AsyncResult sent = node.tasks().task(task).applyAsync(List.of(), kwargs, TaskOptions.defaults());
        return CompletableFuture.supplyAsync(() -> {
            try {
                return sent.get(Probe.DEADLINE);
            } catch (TimeoutException e) {
                throw new CompletionException(e);
            }
        }, inline);
    }

    CompletableFuture<Object> call(boolean async, String task, Map<String, Object> kwargs) {
        return async ? async(task, kwargs) : sync(task, kwargs);
    }

    static Map<String, Object> args(String arg1, String label) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("arg1", arg1);
        kwargs.put("label", label);
        return kwargs;
    }

    static Map<String, Object> withTimeout(Map<String, Object> kwargs, double seconds) {
        Map<String, Object> with = new LinkedHashMap<>(kwargs);
        with.put("ensure_single_timeout", seconds);
        return with;
    }

    static Object outcome(CompletableFuture<Object> call) {
        try {
            return call.get(Probe.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the call failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Throwable failure(CompletableFuture<Object> call) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(Probe.DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
        return e.getCause() instanceof CompletionException wrapped ? wrapped.getCause() : e.getCause();
    }

    /** The text of a timeout, whether it reached an inline caller as the exception or a worker's caller as FAILURE. */
    static String timeoutText(Throwable failure) {
        if (failure instanceof TaskFailedException remote) {
            assertEquals("EnsureSingleTimeoutReached", remote.excType());
            return remote.excMessage();
        }
        return assertInstanceOf(EnsureSingleTimeoutReached.class, failure).getMessage();
    }

    List<LockRegistration> registrations(String task) {
        return node.gate.list().stream().filter(r -> r.taskName().equals(task)).toList();
    }

    // --- mode validation (1-3) ---

    /** 1. The original refuses an unknown mode at decoration; in Java a mode other than the three cannot be written. */
    @Test
    void onlyTheThreeModesExist() {
        assertEquals(List.of(Mode.DEFAULT, Mode.DEDUPED, Mode.CHAINED), List.of(Mode.values()));
        assertThrows(IllegalArgumentException.class, () -> Mode.valueOf("UNKNOWN"));
    }

    /**
     * 2. The original refuses its wrapper on an unbound function; the Java analogue of a call the gate cannot guard
     * is a policy without a store: the call fails clearly and the task does not run.
     */
    @Test
    void aPolicyWithoutStoreFailsClearly() {
        try (TestNode storeless = new TestNode("node-x", null, null, null, LEASE, probe, 1, new Plugin(probe))) {
            BackendException e = assertThrows(BackendException.class,
                    () -> storeless.tasks().task("s.default").call(List.of(), args("a", "X1")));
            assertTrue(e.getMessage().contains("s.default") && e.getMessage().contains("no key-value store"), e.getMessage());
            assertEquals(0, probe.bodies());
        }
    }

    /** 3. Extra task names in DEDUPED or CHAINED: the original fails each call; here the task is refused at registration. */
    @Test
    void extraTaskNamesAreRefusedOutsideDefault() {
        assertTrue(node.tasks().describe("s.extra_in_chained").isEmpty());
        assertTrue(node.tasks().describe("s.extra_in_deduped").isEmpty());
        assertTrue(node.tasks().describe("s.deduped").isPresent());
    }

    // --- DEFAULT (4-7) ---

    /** 4 and 5: a duplicate gets the callback only when it is inline and there is one; arguments do not matter. */
    @ParameterizedTest(name = "first async {0}, second async {1}, callback {2}")
    @CsvSource({"false,false,false", "false,false,true", "false,true,false", "false,true,true",
            "true,false,false", "true,false,true", "true,true,false", "true,true,true"})
    void defaultDiscardsOrCallsBack(boolean firstAsync, boolean secondAsync, boolean callback) {
        String task = callback ? "s.default_cb" : "s.default";
        probe.hold("T1");
        CompletableFuture<Object> first = call(firstAsync, task, args("arg1", "T1"));
        probe.awaitState("T1", "EXECUTING");

        Object second = outcome(call(secondAsync, task, args("arg2", "T2")));

        boolean calledBack = callback && !secondAsync;
        assertEquals(calledBack ? "callback T2" : null, second);
        assertEquals(List.of(calledBack ? "CALLBACK" : "DISCARDED"), probe.states("T2").subList(0, 1));
        probe.release("T1");
        assertEquals("ran T1", outcome(first));
        assertEquals("FINISHED", probe.last("T1"));
        assertEquals(1, probe.bodies());
    }

    /** 6. extra_task_names blocks one way: B (extra A) is discarded while A runs; A runs while B runs. */
    @ParameterizedTest(name = "A first {0}, first async {1}, second async {2}")
    @CsvSource({"true,false,false", "true,false,true", "true,true,false", "true,true,true",
            "false,false,false", "false,false,true", "false,true,false", "false,true,true"})
    void extraTaskNamesBlockOneWay(boolean aFirst, boolean firstAsync, boolean secondAsync) {
        probe.hold("first");
        CompletableFuture<Object> first = call(firstAsync, aFirst ? "s.extra_a" : "s.extra_b", Map.of("label", "first"));
        probe.awaitState("first", "EXECUTING");

        Object second = outcome(call(secondAsync, aFirst ? "s.extra_b" : "s.extra_a", Map.of("label", "second")));

        if (aFirst) {
            assertNull(second);
            assertEquals("DISCARDED", probe.last("second"));
        } else {
            assertEquals("ran second", second);
            assertEquals("FINISHED", probe.last("second"));
        }
        probe.release("first");
        assertEquals("ran first", outcome(first));
    }

    /** 7, 10 and 12: runtime hooks fire in the original's order, and the option never reaches the task (D5). */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void runtimeHooksFireAndNeverReachTheTask(Mode mode) {
        String task = Map.of(Mode.DEFAULT, "s.default", Mode.DEDUPED, "s.deduped", Mode.CHAINED, "s.chained").get(mode);
        List<String> fired = new ArrayList<>();
        Map<String, Runnable> hooks = new LinkedHashMap<>();
        for (String point : List.of("before_validation", "after_validation", "before_execution", "after_execution")) {
            hooks.put(point, () -> fired.add(point));
        }
        Map<String, Object> kwargs = args("arg", "H1");
        kwargs.put("ensure_single_runtime_hooks", hooks);

        assertEquals("ran H1", node.tasks().task(task).call(List.of(), kwargs));

        assertEquals(List.of("before_validation", "after_validation", "before_execution", "after_execution"), fired);
        Map<String, Object> fromPython = args("arg", "H2");
        fromPython.put("ensure_single_runtime_hooks", Map.of("before_validation", "not callable in JSON"));
        assertEquals("ran H2", outcome(async(task, fromPython)));
    }

    // --- DEDUPED (8-10) ---

    /** 8. The full DEDUPED scenario (steps 7-9, the callback calls, in {@link #dedupedCallbacks()}). */
    @Test
    void dedupedScenario() {
        String task = "s.deduped";
        probe.hold("T1", "T3", "T4");
        CompletableFuture<Object> t1 = async(task, args("arg", "T1"));
        probe.awaitState("T1", "EXECUTING");

        Throwable t2 = failure(async(task, withTimeout(args("arg", "T2"), 0.1)));
        assertTrue(timeoutText(t2).matches("Ensure single DEDUPED mode - ID \\d+_[A-Za-z0-9]{10} - Task s\\.deduped could not be"
                + " started within timeout of 0\\.1s"), timeoutText(t2));
        assertEquals(1, registrations(task).size(), "T2's registration is removed");

        CompletableFuture<Object> t3 = async(task, args("arg", "T3"));
        probe.awaitState("T3", "WAITING");
        CompletableFuture<Object> t4 = async(task, args("other_arg", "T4"));
        probe.awaitState("T4", "EXECUTING");
        assertNull(outcome(async(task, args("arg", "T5"))));
        assertEquals("DISCARDED", probe.last("T5"));
        CompletableFuture<Object> t6 = sync(task, args("arg", "T6"));
        probe.awaitState("T6", "WAITING");
        Throwable t10 = failure(sync(task, withTimeout(args("arg", "T10"), 0.1)));
        assertTrue(timeoutText(t10).endsWith("could not be started within timeout of 0.1s"), timeoutText(t10));
        CompletableFuture<Object> t11 = sync(task, args("arg", "T11"));
        probe.awaitState("T11", "WAITING");

        probe.release("T1");
        assertEquals("ran T1", outcome(t1));
        probe.awaitState("T3", "EXECUTING");
        probe.release("T3");
        assertEquals("ran T3", outcome(t3));
        assertNull(outcome(t6));
        assertNull(outcome(t11));
        probe.release("T4");
        assertEquals("ran T4", outcome(t4));

        assertEquals(List.of("WAITING", "WAITED"), probe.states("T6"));
        assertEquals(List.of("WAITING", "WAITED"), probe.states("T11"));
        // unlike the original's test state, T10 counts as waiting: it did wait, for 0.1 s
        assertEquals(List.of("T2", "T3", "T6", "T10", "T11"), probe.waitingOrder());
        List<String> finished = probe.finishedOrder();
        assertTrue(finished.containsAll(List.of("T1", "T3", "T4")) && finished.size() == 3, finished.toString());
        assertTrue(finished.indexOf("T1") < finished.indexOf("T3"), finished.toString());
        assertTrue(registrations(task).isEmpty());
    }

    /** 8 steps 7-9 and 11 steps 6-8: an async duplicate is discarded even with a callback; an inline one gets it. */
    @ParameterizedTest
    @CsvSource({"s.deduped_cb", "s.chained_cb"})
    void queuedCallbacks(String task) {
        probe.hold("C1", "C3");
        CompletableFuture<Object> c1 = async(task, args("arg", "C1"));
        probe.awaitState("C1", "EXECUTING");
        CompletableFuture<Object> c3 = async(task, args("arg", "C3"));
        probe.awaitState("C3", "WAITING");

        assertNull(outcome(async(task, args("arg", "C7"))));
        assertEquals(List.of("DISCARDED"), probe.states("C7"));
        assertEquals("callback C8", outcome(sync(task, args("arg", "C8"))));
        assertEquals(List.of("CALLBACK", "CALLBACK_RAN"), probe.states("C8"));
        Throwable c9 = failure(sync(task, args("arg", "fail-C9")));
        assertInstanceOf(IllegalStateException.class, assertInstanceOf(TaskFailedException.class, c9).getCause());
        assertEquals(List.of("CALLBACK", "CALLBACK_RAN"), probe.states("fail-C9"));

        probe.release("C1");
        probe.release("C3");
        assertEquals("ran C1", outcome(c1));
        assertEquals("ran C3", outcome(c3));
    }

    /** 9. ignore_arguments: without it a different ignore_arg_2 runs in parallel; with it, it queues (and times out). */
    @Test
    void ignoredArgumentsAreLeftOutOfTheComparison() {
        for (String task : List.of("s.compare_all", "s.ignore_arg_2")) {
            String first = task + "-1";
            String second = task + "-2";
            probe.hold(first);
            CompletableFuture<Object> one = sync(task, Map.of("arg_1", "test", "ignore_arg_2", "same", "label", first));
            probe.awaitState(first, "EXECUTING");
            CompletableFuture<Object> two = sync(task, Map.of("arg_1", "test", "ignore_arg_2", "different", "label", second,
                    "ensure_single_timeout", 0.1));
            if (task.equals("s.compare_all")) {
                assertEquals("ran " + second, outcome(two));
            } else {
                assertTrue(timeoutText(failure(two)).endsWith("within timeout of 0.1s"));
            }
            probe.release(first);
            outcome(one);
        }
    }

    /** D4: arguments compare as canonical JSON, whatever the key order or the Java types of an inline caller. */
    @Test
    void argumentsCompareAsCanonicalJson() {
        probe.hold("J1");
        Map<String, Object> javaOrder = new LinkedHashMap<>();
        javaOrder.put("b", List.of(1, 2.5));
        javaOrder.put("a", Map.of("y", true, "x", "text"));
        Map<String, Object> jsonOrder = new TreeMap<>();
        jsonOrder.put("a", new TreeMap<>(Map.of("x", "text", "y", true)));
        jsonOrder.put("b", List.of(1, 2.5));
        CompletableFuture<Object> j1 = sync("s.structured", Map.of("options", javaOrder, "label", "J1"));
        probe.awaitState("J1", "EXECUTING");
        CompletableFuture<Object> j2 = async("s.structured", Map.of("options", jsonOrder, "label", "J2"));
        probe.awaitState("J2", "WAITING");
        probe.release("J1");
        outcome(j1);
        assertEquals("ran J2", outcome(j2));
    }

    // --- CHAINED (11-12) ---

    /** 11. The full CHAINED scenario (steps 6-8, the callback calls, in {@link #queuedCallbacks}). */
    @Test
    void chainedScenario() {
        String task = "s.chained";
        probe.hold("T1", "T3", "T4");
        CompletableFuture<Object> t1 = async(task, args("arg", "T1"));
        probe.awaitState("T1", "EXECUTING");
        Throwable t2 = failure(async(task, withTimeout(args("arg", "T2"), 0.1)));
        assertTrue(timeoutText(t2).startsWith("Ensure single CHAINED mode - ID "), timeoutText(t2));
        CompletableFuture<Object> t3 = async(task, args("arg", "T3"));
        probe.awaitState("T3", "WAITING");
        CompletableFuture<Object> t4 = async(task, args("other_arg", "T4"));
        probe.awaitState("T4", "WAITING");
        assertNull(outcome(async(task, args("arg", "T5"))));
        assertEquals("DISCARDED", probe.last("T5"));
        CompletableFuture<Object> t6 = sync(task, args("arg", "T6"));
        probe.awaitState("T6", "WAITING");
        Throwable t10 = failure(sync(task, withTimeout(args("arg", "T10"), 0.1)));
        assertTrue(timeoutText(t10).endsWith("within timeout of 0.1s"));
        CompletableFuture<Object> t11 = sync(task, args("arg", "T11"));
        probe.awaitState("T11", "WAITING");

        probe.release("T1");
        assertEquals("ran T1", outcome(t1));
        probe.awaitState("T3", "EXECUTING");
        assertEquals("WAITING", probe.last("T4"), "one at a time, in arrival order");
        probe.release("T3");
        assertEquals("ran T3", outcome(t3));
        probe.awaitState("T4", "EXECUTING");
        assertNull(outcome(t6));
        assertNull(outcome(t11));
        probe.release("T4");
        assertEquals("ran T4", outcome(t4));

        assertEquals(List.of("T2", "T3", "T4", "T6", "T10", "T11"), probe.waitingOrder());
        assertEquals(List.of("T1", "T3", "T4"), probe.finishedOrder());
        assertEquals(1, probe.mostAtOnce());
    }

    // --- start-up cleanup (13-15) ---

    /** 13. DEFAULT: another node starting, or this node cleaning up, leaves a running call's registration alone. */
    @Test
    void cleanupKeepsRunningDefaultRegistration() {
        probe.hold("R1");
        CompletableFuture<Object> r1 = async("s.default", args("a", "R1"));
        probe.awaitState("R1", "EXECUTING");
        assertNull(outcome(async("s.default", args("a", "R2"))));

        others.add(node("node-b"));
        assertEquals(0, node.gate.removeStaleOwnRegistrations());

        assertNull(outcome(async("s.default", args("a", "R3"))));
        assertEquals("DISCARDED", probe.last("R3"));
        probe.release("R1");
        assertEquals("ran R1", outcome(r1));
    }

    /** 14 and 15. DEDUPED and CHAINED without arguments: cleanup keeps the running and the waiting registration. */
    @ParameterizedTest
    @CsvSource({"s.deduped_noargs", "s.chained_noargs"})
    void cleanupKeepsRunningAndWaitingRegistrations(String task) {
        probe.hold("R1", "R2");
        CompletableFuture<Object> r1 = async(task, Map.of("label", "R1"));
        probe.awaitState("R1", "EXECUTING");
        CompletableFuture<Object> r2 = async(task, Map.of("label", "R2"));
        probe.awaitState("R2", "WAITING");
        assertNull(outcome(async(task, Map.of("label", "R3"))));

        others.add(node("node-b"));
        assertEquals(0, node.gate.removeStaleOwnRegistrations());

        assertNull(outcome(async(task, Map.of("label", "R4"))));
        assertEquals("DISCARDED", probe.last("R4"));
        assertEquals("WAITING", probe.last("R2"));
        probe.release("R1");
        probe.release("R2");
        assertEquals("ran R1", outcome(r1));
        assertEquals("ran R2", outcome(r2));
    }

    /** D3: a node that restarts removes what its previous run left, without asking the cluster. */
    @Test
    void restartedNodeRemovesItsStaleRegistrations() {
        TestNode previous = node("node-r");
        others.add(previous);
        probe.hold("old");
        CompletableFuture<Object> old = CompletableFuture.supplyAsync(
                () -> previous.tasks().task("s.default").call(List.of(), args("a", "old")), inline);
        probe.awaitState("old", "EXECUTING");
        previous.gate.stop();
        assertNull(node.tasks().task("s.default").call(List.of(), args("a", "blocked")));

        TestNode restarted = node("node-r");
        others.add(restarted);

        assertEquals("ran new", node.tasks().task("s.default").call(List.of(), args("a", "new")));
        probe.release("old");
        outcome(old);
    }

    /**
     * A registration the original (Python) framework wrote has no owner and no lease: it counts as running until it
     * is removed (the original's behaviour), which an operator can do.
     */
    @Test
    void originalRegistrationsBlockUntilCleared() {
        store.set("ovs_ensure_single_s.default_default", "[{\"task_id\": \"f00\"}]".getBytes(StandardCharsets.UTF_8));

        assertNull(node.tasks().task("s.default").call(List.of(), args("a", "P1")));
        LockRegistration original = registrations("s.default").get(0);
        assertTrue(original.node().isEmpty() && original.leaseExpires().isEmpty() && original.id().isEmpty());
        assertEquals("f00", original.taskId().orElseThrow());

        assertEquals(1, node.gate.clear("s.default"));
        assertEquals("ran P2", node.tasks().task("s.default").call(List.of(), args("a", "P2")));
    }

    /** apply() is inline (D1): it waits like call(), and a timeout becomes a ready FAILURE result. */
    @Test
    void applyIsInlineAndItsTimeoutIsAFailedResult() {
        probe.hold("A1");
        CompletableFuture<Object> a1 = async("s.deduped", args("arg", "A1"));
        probe.awaitState("A1", "EXECUTING");

        AsyncResult applied = node.tasks().task("s.deduped").apply(List.of(), withTimeout(args("arg", "A2"), 0.1));

        assertEquals(TaskState.FAILURE, applied.state());
        TaskFailedException failure = assertThrows(TaskFailedException.class, () -> applied.get(Duration.ZERO));
        assertEquals("EnsureSingleTimeoutReached", failure.excType());
        assertEquals(List.of("WAITING", "TIMED_OUT"), probe.states("A2"));
        probe.release("A1");
        outcome(a1);
    }

    /** A reserved option that is not what the original takes is refused, naming it; the task does not run. */
    @Test
    void invalidReservedOptionsAreRefused() {
        TaskArgumentException timeout = assertThrows(TaskArgumentException.class,
                () -> node.tasks().task("s.deduped").call(List.of(), withTimeout(args("arg", "X1"), -1)));
        assertEquals("ensure_single_timeout", timeout.parameter());
        Map<String, Object> hooks = args("arg", "X2");
        hooks.put("ensure_single_runtime_hooks", Map.of("before_lunch", (Runnable) () -> { }));
        TaskArgumentException hook = assertThrows(TaskArgumentException.class,
                () -> node.tasks().task("s.deduped").call(List.of(), hooks));
        assertTrue(hook.getMessage().contains("before_lunch"), hook.getMessage());
        assertEquals(0, probe.bodies());
    }

    // --- what an operator sees ---

    @Test
    void locksListOwnerAndLeaseAndClearOnRequest() {
        probe.hold("L1", "L2");
        CompletableFuture<Object> l1 = async("s.chained", args("arg", "L1"));
        probe.awaitState("L1", "EXECUTING");
        CompletableFuture<Object> l2 = sync("s.chained", args("arg", "L2"));
        probe.awaitState("L2", "WAITING");

        List<LockRegistration> listed = registrations("s.chained");
        assertEquals(2, listed.size());
        LockRegistration running = listed.get(0);
        assertEquals(Mode.CHAINED, running.mode());
        assertEquals(0, running.position());
        assertEquals("node-a", running.node().orElseThrow());
        assertTrue(running.taskId().isPresent(), "an async call names its task id");
        assertTrue(listed.get(1).taskId().isEmpty(), "an inline call has none");
        assertEquals(Map.of("arg1", "arg"), running.arguments());
        assertTrue(running.leaseExpires().orElseThrow().isAfter(running.registeredAt().orElseThrow()));

        assertEquals(2, node.gate.clear("s.chained"));
        // the operator let a duplicate start: the waiting call queues again, alone now, and runs beside L1
        probe.awaitState("L2", "EXECUTING");
        assertEquals(List.of(listed.get(1).id()), registrations("s.chained").stream().map(LockRegistration::id).toList());
        probe.release("L1");
        probe.release("L2");
        outcome(l1);
        outcome(l2);
    }

    /** Each registration is the original's entry, extended with its owner and lease, in the original's key. */
    @Test
    void registrationsKeepTheOriginalsShape() throws Exception {
        probe.hold("K1");
        CompletableFuture<Object> k1 = async("s.deduped", args("arg", "K1"));
        probe.awaitState("K1", "EXECUTING");

        byte[] stored = store.get("ovs_ensure_single_s.deduped_deduped").orElseThrow();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = Json.MAPPER.readValue(stored, List.class);
        assertEquals(1, entries.size());
        Map<String, Object> entry = new HashMap<>(entries.get(0));
        assertEquals(List.of("kwargs", "lease_expires", "node", "task_id", "timestamp"), new ArrayList<>(entries.get(0).keySet()),
                "keys sorted, as the original wrote them");
        assertEquals(Map.of("arg1", "arg"), entry.get("kwargs"));
        assertEquals("node-a", entry.get("node"));
        probe.release("K1");
        outcome(k1);
        assertTrue(store.get("ovs_ensure_single_s.deduped_deduped").isEmpty());
    }
}
