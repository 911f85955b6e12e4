package io.ovsworkers.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.ovsworkers.api.AsyncResult;
import io.ovsworkers.api.Mode;
import io.ovsworkers.api.NoBrokerException;
import io.ovsworkers.api.TaskArgumentException;
import io.ovsworkers.api.TaskDescription;
import io.ovsworkers.api.TaskFailedException;
import io.ovsworkers.api.TaskState;
import io.ovsworkers.api.Tasks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The core, shell and example features in Felix, without a broker: inline execution end to end. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InlineExecutionIT {

    @Inject
    Tasks tasks;

    @Configuration
    public Option[] config() {
        return Distribution.withFeatures("inline", "core", "shell", "examples");
    }

    @Test
    public void examplePluginTasksAreRegisteredWithTheirMetadata() throws Exception {
        TaskDescription snapshot = Await.until("ovs.generic.snapshot_all to register", Duration.ofSeconds(10),
                () -> tasks.describe("ovs.generic.snapshot_all").orElse(null));
        assertEquals("io.ovsworkers.examples", snapshot.bundle());
        assertEquals(Optional.of(Mode.DEFAULT), snapshot.mode());
        assertEquals("0 * * * *", snapshot.schedule().orElseThrow().toString());
        assertEquals(Optional.of(Mode.DEDUPED), tasks.describe("ovs.generic.execute_scrub").orElseThrow().mode());
        assertEquals(Optional.of(Mode.CHAINED), tasks.describe("ovs.mds.mds_checkup").orElseThrow().mode());
    }

    @Test
    public void callRunsInlineWithPositionalAndKeywordArguments() throws Exception {
        Await.until("ovs.examples.add", Duration.ofSeconds(10), () -> tasks.describe("ovs.examples.add").isPresent());
        assertEquals(5L, tasks.task("ovs.examples.add").call(2, 3));
        assertEquals(Map.of("message", "hi, ops"),
                tasks.task("ovs.examples.greet").call(List.of("ops"), Map.of("greeting", "hi")));
        assertEquals(Map.of("message", "Hello, ops"), tasks.task("ovs.examples.greet").call("ops"));
    }

    @Test
    public void applyReturnsAReadyResultAndCapturesFailures() throws Exception {
        Await.until("ovs.examples.fail", Duration.ofSeconds(10), () -> tasks.describe("ovs.examples.fail").isPresent());
        AsyncResult ok = tasks.task("ovs.examples.echo").apply(List.of(Map.of("a", List.of(1, 2))), Map.of());
        assertEquals(TaskState.SUCCESS, ok.state());
        assertEquals(Map.of("a", List.of(1, 2)), ok.get(Duration.ZERO));

        AsyncResult failed = tasks.task("ovs.examples.fail").apply(List.of("disk on fire"), Map.of());
        assertEquals(TaskState.FAILURE, failed.state());
        TaskFailedException failure = assertThrows(TaskFailedException.class, () -> failed.get(Duration.ZERO));
        assertEquals("IllegalStateException", failure.excType());
        assertEquals("disk on fire", failure.excMessage());
    }

    @Test
    public void wrongArgumentsNameTheTaskAndParameter() throws Exception {
        Await.until("ovs.examples.add", Duration.ofSeconds(10), () -> tasks.describe("ovs.examples.add").isPresent());
        TaskArgumentException missing = assertThrows(TaskArgumentException.class, () -> tasks.task("ovs.examples.add").call(1));
        assertEquals("b", missing.parameter());
        TaskArgumentException wrongType = assertThrows(TaskArgumentException.class,
                () -> tasks.task("ovs.examples.add").call(List.of("one", 2), Map.of()));
        assertEquals("a", wrongType.parameter());
        assertTrue(wrongType.getMessage(), wrongType.getMessage().startsWith("Task 'ovs.examples.add', parameter 'a'"));
    }

    @Test
    public void asynchronousCallsFailClearlyWithoutABroker() {
        NoBrokerException e = assertThrows(NoBrokerException.class, () -> tasks.task("ovs.examples.add").delay(1, 2));
        assertTrue(e.getMessage(), e.getMessage().contains("no broker is available"));
    }
}
