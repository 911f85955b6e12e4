package io.ovsworkers.celery.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.GetResponse;
import io.ovsworkers.api.TaskState;
import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.Delivery;
import io.ovsworkers.spi.Subscription;
import io.ovsworkers.spi.TaskMessage;
import io.ovsworkers.spi.TaskResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Java and real Python Celery 5.2 on the real RabbitMQ, both ways, with results over rpc:// and the original's
 * queue layout (under this run's names, see ovs_interop.py).
 */
class PythonInteropTest {
    private static final Duration RESULT_WAIT = Duration.ofSeconds(20);

    private RabbitMqFixture rabbit;
    private PythonCelery python;
    private RabbitMqBroker broker;
    private RpcResultBackend results;

    @BeforeEach
    void connect() throws Exception {
        rabbit = new RabbitMqFixture();
        python = new PythonCelery(rabbit.run);
        python.queues().forEach(rabbit::deleteOnClose);
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
    void javaClientPythonWorkerResultsOverRpc() throws Exception {
        declareOvsQueues();
        Process worker = python.worker();
        try {
            TaskMessage add = task("ovs_interop.add", "generic.default", List.of(2, 3), Map.of());
            TaskMessage echo = task("ovs_interop.echo", "masters.x",
                    List.of("ü €", Map.of("n", Arrays.asList(1, 2.5, null, Map.of("deep", List.of(true))))),
                    Map.of("k", List.of(1L << 40, "v")));
            TaskMessage fail = task("ovs_interop.fail", "sr." + PythonCelery.MACHINE_ID, List.of("boom"), Map.of());
            TaskMessage kwargs = task("ovs_interop.add", "generic.kw", List.of(), Map.of("x", 4, "y", 5));
            for (TaskMessage message : List.of(add, echo, fail, kwargs)) {
                broker.publish(message);
            }

            assertEquals(5, success(add));
            assertEquals(9, success(kwargs));
            assertEquals(Map.of("args", echo.args(), "kwargs", echo.kwargs()), success(echo));

            TaskResult failure = results.await(fail.id(), RESULT_WAIT);
            assertEquals(TaskState.FAILURE, failure.state(), () -> diagnosis(failure));
            assertEquals(Map.of("exc_type", "CustomError", "exc_module", "ovs_interop",
                    "exc_message", List.of("boom", 42)), failure.result());
            assertTrue(failure.traceback().contains("CustomError"), failure.traceback());
        } finally {
            PythonCelery.stop(worker);
        }
    }

    @Test
    void pythonClientJavaWorkerResultsOverRpc() throws Exception {
        declareOvsQueues();
        BlockingQueue<TaskMessage> received = new LinkedBlockingQueue<>();
        try (Subscription ignored = broker.subscribe(python.generic(), 1, delivery -> runJavaTask(delivery, received))) {
            JsonNode added = lastLine(python.script("ovs_send.py", "java.add", "generic.x", "[[2, 3], {}]"));
            assertEquals("SUCCESS", added.get("state").asText(), added::toString);
            assertEquals(5, added.get("result").asInt());

            JsonNode nested = lastLine(python.script("ovs_send.py", "java.echo", "generic.y",
                    "[[\"\\u00fc\", {\"a\": [1, null]}], {\"big\": 1099511627776}]"));
            assertEquals("SUCCESS", nested.get("state").asText(), nested::toString);
            assertEquals(Vectors.JSON.readTree("{\"args\": [\"ü\", {\"a\": [1, null]}], \"kwargs\": {\"big\": 1099511627776}}"),
                    nested.get("result"));

            JsonNode failed = lastLine(python.script("ovs_send.py", "java.fail", "generic.z", "[[], {}]"));
            assertEquals("FAILURE", failed.get("state").asText(), failed::toString);
            assertEquals("IllegalStateException", failed.get("error").asText());
            assertEquals("[\"no way\"]", failed.get("args").toString());
        }
        TaskMessage first = received.poll(1, TimeUnit.SECONDS);
        assertNotNull(first);
        assertEquals("java.add", first.task());
        assertEquals("py", first.headers().get("lang"));
        assertEquals(first.id(), first.headers().get("root_id"));
        assertEquals("generic.x", first.routingKey());
        assertNotNull(first.replyTo());
    }

    @Test
    void pickleFromPythonIsDeadLetteredWithTheReason() throws Exception {
        declareOvsQueues();
        BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
        String id;
        try (Subscription ignored = broker.subscribe(python.generic(), 1, deliveries::add)) {
            id = lastLine(python.script("ovs_send.py", "java.add", "generic.p", "[[1, 2], {}]", "pickle"))
                    .get("id").asText();
            RabbitMqFixture.await("the pickle message to leave the queue", RESULT_WAIT,
                    () -> broker.depth(python.generic()) == 0);
        }
        AtomicReference<GetResponse> dead = new AtomicReference<>();
        RabbitMqFixture.await("pickled task " + id + " in " + Broker.DEAD_LETTER_QUEUE, RESULT_WAIT,
                () -> dead.updateAndGet(found -> found != null ? found : takeDeadLetter(id)) != null);
        assertTrue(dead.get().getProps().getHeaders().get(Broker.DEAD_LETTER_REASON_HEADER).toString()
                .contains("application/x-python-serialize"));
        assertTrue(deliveries.isEmpty(), "the handler never saw it");
    }

    @Test
    void pythonDeclaresFirstThenJava() throws Exception {
        assertTrue(python.script("ovs_declare.py").contains("DECLARED"));
        declareOvsQueues();
        broker.publish(task("ovs_interop.add", "generic.after", List.of(1, 1), Map.of()));
        assertEquals(2, broker.depth(python.generic()), "Python's task and ours");
    }

    @Test
    void javaDeclaresFirstThenPython() throws Exception {
        declareOvsQueues();
        assertTrue(python.script("ovs_declare.py").contains("DECLARED"));
        assertEquals(1, broker.depth(python.generic()));
    }

    private GetResponse takeDeadLetter(String id) {
        try {
            return rabbit.takeDeadLetter(id);
        } catch (java.io.IOException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private void declareOvsQueues() {
        broker.declareQueue(python.generic(), "generic.#");
        broker.declareQueue(python.masters(), "masters.#");
        broker.declareQueue(python.node(), "sr." + PythonCelery.MACHINE_ID + ".#");
    }

    /** The Java side of a worker, reduced to what this test needs: run, send the result to reply_to, then ack. */
    private void runJavaTask(Delivery delivery, BlockingQueue<TaskMessage> received) {
        TaskMessage message = delivery.message();
        received.add(message);
        Map<String, Object> extra = Map.of(RpcResultCodec.REPLY_TO, message.replyTo());
        TaskResult result = switch (message.task()) {
            case "java.add" -> new TaskResult(message.id(), TaskState.SUCCESS,
                    ((Number) message.args().get(0)).intValue() + ((Number) message.args().get(1)).intValue(), null,
                    null, extra);
            case "java.echo" -> new TaskResult(message.id(), TaskState.SUCCESS,
                    Map.of("args", message.args(), "kwargs", message.kwargs()), null, null, extra);
            default -> new TaskResult(message.id(), TaskState.FAILURE, Map.of("exc_type", "IllegalStateException",
                    "exc_module", "java.lang", "exc_message", List.of("no way")),
                    "java.lang.IllegalStateException: no way\n", null, extra);
        };
        results.store(result);
        delivery.ack();
    }

    private Object success(TaskMessage message) throws Exception {
        TaskResult result = results.await(message.id(), RESULT_WAIT);
        assertEquals(TaskState.SUCCESS, result.state(), () -> diagnosis(result));
        return result.result();
    }

    private String diagnosis(TaskResult result) {
        try {
            return result + "\nworker log:\n" + python.log();
        } catch (java.io.IOException e) {
            return result.toString();
        }
    }

    private static JsonNode lastLine(String output) throws Exception {
        List<String> lines = new ArrayList<>(output.lines().filter(line -> line.startsWith("{")).toList());
        assertTrue(!lines.isEmpty(), output);
        return Vectors.JSON.readTree(lines.get(lines.size() - 1));
    }

    private static TaskMessage task(String name, String routingKey, List<Object> args, Map<String, Object> kwargs) {
        return new TaskMessage(UUID.randomUUID().toString(), name, args, kwargs, routingKey, null, null, null, 0, null,
                Map.of());
    }
}
