package io.ovsworkers.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.ovsworkers.api.AsyncResult;
import io.ovsworkers.api.NodeInfo;
import io.ovsworkers.api.TaskFailedException;
import io.ovsworkers.api.TaskOptions;
import io.ovsworkers.api.TaskState;
import io.ovsworkers.api.Tasks;
import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.ResultBackend;
import io.ovsworkers.spi.TaskResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/** Tasks sent through the embedded broker to this node's workers, with results in the embedded store. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EmbeddedWorkerIT {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Inject
    Tasks tasks;

    @Inject
    NodeInfo node;

    @Inject
    ResultBackend results;

    @Inject
    Broker broker;

    @Inject
    ConfigurationAdmin configurations;

    @Configuration
    public Option[] config() {
        return Distribution.withFeatures("embedded-worker-" + System.nanoTime(), "core", "embedded", "examples");
    }

    private void awaitExamples() throws InterruptedException {
        Await.until("the example tasks", DEADLINE, () -> tasks.describe("ovs.examples.add").isPresent());
    }

    @Test
    public void delayRunsOnAWorkerAndTheResultComesBack() throws Exception {
        awaitExamples();
        AsyncResult sent = tasks.task("ovs.examples.add").delay(40, 2);
        assertEquals(42, sent.get(DEADLINE));
        assertEquals(TaskState.SUCCESS, sent.state());
        TaskResult stored = results.get(sent.id()).orElseThrow();
        assertEquals("ovs.examples.add", stored.extra().get("name"));
        assertEquals(node.machineId(), stored.extra().get("worker"));
    }

    @Test
    public void failuresTravelInCeleryTerms() throws Exception {
        awaitExamples();
        AsyncResult sent = tasks.task("ovs.examples.fail").delay("no quorum");
        TaskFailedException failure = assertThrows(TaskFailedException.class, () -> sent.get(DEADLINE));
        assertEquals("IllegalStateException", failure.excType());
        assertEquals("java.lang", failure.excModule());
        assertEquals("no quorum", failure.excMessage());
        assertEquals(TaskState.FAILURE, sent.state());
        assertTrue(results.get(sent.id()).orElseThrow().traceback().contains("ExampleTasks.fail"));
    }

    @Test
    public void wrongArgumentsFailTheTaskNotTheWorker() throws Exception {
        awaitExamples();
        AsyncResult sent = tasks.task("ovs.examples.add").applyAsync(List.of(1), Map.of("c", 2), TaskOptions.defaults());
        TaskFailedException failure = assertThrows(TaskFailedException.class, () -> sent.get(DEADLINE));
        assertEquals("TaskArgumentException", failure.excType());
        assertEquals(3, tasks.task("ovs.examples.add").delay(1, 2).get(DEADLINE));
    }

    @Test
    public void countdownIsHonoured() throws Exception {
        awaitExamples();
        Instant eta = Instant.now().plusMillis(800);
        AsyncResult sent = tasks.task("ovs.examples.echo").applyAsync(List.of("later"), Map.of(), TaskOptions.defaults().eta(eta));
        assertEquals("later", sent.get(DEADLINE));
        Instant done = results.get(sent.id()).orElseThrow().dateDone();
        assertFalse("ran at " + done + ", before its eta " + eta, done.isBefore(eta));
    }

    @Test
    public void anExpiredTaskIsRevokedNotRun() throws Exception {
        awaitExamples();
        AsyncResult sent = tasks.task("ovs.examples.echo").applyAsync(List.of("too late"), Map.of(),
                TaskOptions.defaults().expires(Instant.now().minusSeconds(1)));
        assertThrows(TaskFailedException.class, () -> sent.get(DEADLINE));
        assertEquals(TaskState.REVOKED, sent.state());
    }

    @Test
    public void routingReachesThisNodesQueues() throws Exception {
        awaitExamples();
        assertEquals("master", tasks.task("ovs.examples.echo")
                .applyAsync(List.of("master"), Map.of(), TaskOptions.defaults().routingKey("masters")).get(DEADLINE));
        assertEquals("mine", tasks.task("ovs.examples.echo")
                .applyAsync(List.of("mine"), Map.of(), TaskOptions.defaults().routingKey("sr." + node.machineId())).get(DEADLINE));
    }

    @Test
    public void aTaskNoPluginProvidesIsDeadLetteredAfterTheGrace() throws Exception {
        awaitExamples();
        org.osgi.service.cm.Configuration worker = configurations.getConfiguration("io.ovsworkers.worker", "?");
        Hashtable<String, Object> settings = new Hashtable<>();
        settings.put("unknownTaskGraceSeconds", 0);
        worker.update(settings);
        try {
            long before = broker.depth(Broker.DEAD_LETTER_QUEUE);
            tasks.task("ovs.nobody.provides_this").delay();
            Await.until("the unknown task in the dead-letter queue", DEADLINE, () -> broker.depth(Broker.DEAD_LETTER_QUEUE) == before + 1);
        } finally {
            worker.delete();
        }
    }
}
