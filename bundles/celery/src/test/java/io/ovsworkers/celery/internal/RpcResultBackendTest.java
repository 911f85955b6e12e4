package io.ovsworkers.celery.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.api.TaskState;
import io.ovsworkers.spi.TaskResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rpc:// backend between a Java worker and a Java caller on the real RabbitMQ. */
class RpcResultBackendTest {
    private RabbitMqFixture rabbit;
    private RabbitMqBroker broker;
    private RpcResultBackend results;

    @BeforeEach
    void connect() throws Exception {
        rabbit = new RabbitMqFixture();
        broker = new RabbitMqBroker(rabbit.config());
        results = new RpcResultBackend();
        results.broker = broker;
        results.activate(PythonCelery.rpcConfig());
    }

    @AfterEach
    void cleanUp() throws Exception {
        results.deactivate();
        broker.close();
        rabbit.close();
    }

    @Test
    void aCallerSeesEachStateAndWakesOnTheFinalOne() throws Exception {
        String id = UUID.randomUUID().toString();
        assertEquals(TaskState.PENDING, results.await(id, Duration.ofMillis(50)).state());
        results.store(result(id, TaskState.STARTED, Map.of("pid", 1, "hostname", "java1@test")));
        assertEquals(TaskState.STARTED, results.get(id).orElseThrow().state());
        results.store(result(id, TaskState.SUCCESS, List.of(1, "two")));
        TaskResult done = results.await(id, Duration.ofSeconds(10));
        assertEquals(TaskState.SUCCESS, done.state());
        assertEquals(List.of(1, "two"), done.result());
        assertTrue(done.dateDone() != null);
    }

    @Test
    void aLateStartedNeverHidesTheFinalState() throws Exception {
        String id = UUID.randomUUID().toString();
        results.store(result(id, TaskState.SUCCESS, 5));
        results.store(result(id, TaskState.STARTED, Map.of()));
        assertEquals(TaskState.SUCCESS, results.await(id, Duration.ofSeconds(10)).state());
        RabbitMqFixture.await("the STARTED message to arrive too", Duration.ofSeconds(10),
                () -> broker.depth(broker.replyQueue()) == 0);
        assertEquals(TaskState.SUCCESS, results.get(id).orElseThrow().state());
        results.forget(id);
        assertTrue(results.get(id).isEmpty());
    }

    @Test
    void aResultWithoutReplyQueueIsNotSent() {
        String id = UUID.randomUUID().toString();
        results.store(new TaskResult(id, TaskState.SUCCESS, 1, null, null, Map.of()));
        assertTrue(results.get(id).isEmpty());
    }

    private TaskResult result(String id, TaskState state, Object value) {
        return new TaskResult(id, state, value, null, null, Map.of(RpcResultCodec.REPLY_TO, broker.replyQueue()));
    }
}
