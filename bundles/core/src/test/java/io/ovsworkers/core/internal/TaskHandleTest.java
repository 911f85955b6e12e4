package io.ovsworkers.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.api.AsyncResult;
import io.ovsworkers.api.NoBrokerException;
import io.ovsworkers.api.OvsTask;
import io.ovsworkers.api.TaskFailedException;
import io.ovsworkers.api.TaskNotFoundException;
import io.ovsworkers.api.TaskState;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inline execution through the dispatcher, outside OSGi: the components are wired by hand as SCR would. */
class TaskHandleTest {

    public static class Plugin {
        @OvsTask(name = "t.add")
        public long add(long a, long b) {
            return a + b;
        }

        @OvsTask(name = "t.fail")
        public void fail(String why) throws IOException {
            throw new IOException(why);
        }

        @OvsTask(name = "t.kwargs")
        public String kwargs(String name) {
            return name;
        }
    }

    private static Dispatcher dispatcher() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.registry = new TaskRegistry();
        dispatcher.invoker = new TaskInvoker();
        dispatcher.registry.add(new Plugin(), new PluginOrigin("b", "1", 1));
        return dispatcher;
    }

    @Test
    void callRunsInlineAndReturnsTheJavaValue() {
        assertEquals(5L, dispatcher().task("t.add").call(2, 3));
        assertEquals(5L, dispatcher().task("t.add").call(List.of(2), Map.of("b", 3)));
    }

    @Test
    void callPropagatesTheTaskFailureInCeleryTerms() {
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> dispatcher().task("t.fail").call("disk gone"));
        assertEquals("IOException", e.excType());
        assertEquals("java.io", e.excModule());
        assertEquals("disk gone", e.excMessage());
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void applyTurnsAFailureIntoAReadyFailedResult() {
        AsyncResult result = dispatcher().task("t.fail").apply(List.of("boom"), Map.of());
        assertTrue(result.ready());
        assertEquals(TaskState.FAILURE, result.state());
        assertEquals(Map.of("exc_type", "IOException", "exc_message", List.of("boom"), "exc_module", "java.io"), result.result());
        assertThrows(TaskFailedException.class, () -> result.get(Duration.ZERO));
    }

    @Test
    void applyGivesTheJsonShapedValue() throws Exception {
        AsyncResult result = dispatcher().task("t.add").apply(List.of(1, 2), Map.of());
        assertEquals(TaskState.SUCCESS, result.state());
        assertEquals(3, result.get(Duration.ZERO));
    }

    @Test
    void reservedOptionsNeverReachTheTask() {
        assertEquals("x", dispatcher().task("t.kwargs").call(List.of(), Map.of("name", "x", "ensure_single_timeout", 5)));
    }

    @Test
    void unknownTaskIsNamed() {
        TaskNotFoundException e = assertThrows(TaskNotFoundException.class, () -> dispatcher().task("t.nope").call());
        assertEquals("t.nope", e.taskName());
    }

    @Test
    void asynchronousCallsFailClearlyWithoutABroker() {
        NoBrokerException e = assertThrows(NoBrokerException.class, () -> dispatcher().task("t.add").delay(1, 2));
        assertTrue(e.getMessage().contains("'t.add'") && e.getMessage().contains("no broker"), e.getMessage());
    }
}
