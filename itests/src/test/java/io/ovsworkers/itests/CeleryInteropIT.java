package io.ovsworkers.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovsworkers.api.NodeInfo;
import io.ovsworkers.api.TaskFailedException;
import io.ovsworkers.api.TaskOptions;
import io.ovsworkers.api.Tasks;
import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.ResultBackend;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.LinkedHashMap;
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
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A node with the core, RabbitMQ and example features, configured for RabbitMQ and rpc:// results in a throwaway
 * virtual host, interoperating with real Python Celery 5.2: a Python client's tasks run on the node's Java workers
 * (arguments, routes, failures, retries, expiry, a hard time limit, link and link_error), and the node's
 * {@code delay} runs on a Python worker (a retrying one too) with the result back in Java.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CeleryInteropIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    BundleContext context;

    @Inject
    Tasks tasks;

    @Inject
    NodeInfo node;

    @Inject
    ConfigurationAdmin configurations;

    @Configuration
    public Option[] config() {
        return Distribution.withFeatures("celery-interop-" + System.nanoTime(), "core", "rabbitmq", "examples");
    }

    /** The node on RabbitMQ with rpc:// results in its own virtual host, until closed. */
    private final class RabbitNode implements AutoCloseable {
        final RabbitMqVirtualHost vhost;
        final PythonCelery python;
        private final org.osgi.service.cm.Configuration broker;
        private final org.osgi.service.cm.Configuration results;

        RabbitNode(String name) throws Exception {
            vhost = new RabbitMqVirtualHost("ovs-itest-" + name + "-" + System.nanoTime());
            broker = configurations.getConfiguration("io.ovsworkers.broker.rabbitmq", "?");
            results = configurations.getConfiguration("io.ovsworkers.results.rpc", "?");
            try {
                Hashtable<String, Object> uris = new Hashtable<>();
                uris.put("uris", new String[] {vhost.uri()});
                broker.update(uris);
                results.update(new Hashtable<>(Map.of("resultExpires", 600)));
                Await.until("RabbitMQ and rpc:// results to serve", DEADLINE,
                        () -> servedBy(Broker.class, "io.ovsworkers.celery") && servedBy(ResultBackend.class, "io.ovsworkers.celery"));
                Await.until("the example tasks", DEADLINE, () -> tasks.describe("ovs.examples.add").isPresent());
            } catch (Exception | AssertionError e) {
                close();
                throw e;
            }
            python = new PythonCelery(vhost.uri(), node.machineId(), name);
        }

        Broker broker() {
            return context.getService(context.getServiceReference(Broker.class));
        }

        @Override
        public void close() throws Exception {
            try {
                results.delete();
                broker.delete();
                Await.until("the RabbitMQ broker to go", DEADLINE, () -> !servedBy(Broker.class, "io.ovsworkers.celery"));
            } finally {
                vhost.close();
            }
        }
    }

    private boolean servedBy(Class<?> service, String bundle) {
        ServiceReference<?> best = context.getServiceReference(service.getName());
        return best != null && best.getBundle().getSymbolicName().equals(bundle);
    }

    private static Map<String, Object> call(String name, List<?> args, Map<String, ?> kwargs, Map<String, ?> options) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("name", name);
        call.put("args", args);
        call.put("kwargs", kwargs);
        call.put("options", options);
        return call;
    }

    private static JsonNode json(Object value) {
        return JSON.valueToTree(value);
    }

    private static void assertSuccess(Object expected, JsonNode outcome) {
        assertEquals(outcome.toString(), "SUCCESS", outcome.path("state").asText());
        assertEquals(outcome.toString(), json(expected), outcome.get("result"));
    }

    private static void assertFailure(String state, String error, String module, JsonNode outcome) {
        assertEquals(outcome.toString(), state, outcome.path("state").asText());
        assertEquals(outcome.toString(), error, outcome.path("error").asText());
        assertEquals(outcome.toString(), module, outcome.path("module").asText());
    }

    @Test
    public void aPythonClientRunsJavaTasksOnEveryRouteWithCeleryResults() throws Exception {
        try (RabbitNode rabbit = new RabbitNode("routes")) {
            Map<String, Object> nested = new LinkedHashMap<>();
            nested.put("n", Arrays.asList(1, 2.5, null, Map.of("deep", List.of(true))));
            nested.put("s", "ü €");
            JsonNode outcomes = rabbit.python.call(List.of(
                    call("ovs.examples.add", List.of(40, 2), Map.of(), Map.of("routing_key", "generic.default")),
                    call("ovs.examples.greet", List.of(), Map.of("name", "ops", "greeting", "hi"), Map.of("routing_key", "masters.greet")),
                    call("ovs.examples.echo", List.of(nested), Map.of(), Map.of("routing_key", "sr." + node.machineId() + ".echo")),
                    call("ovs.examples.add", List.of(1, 2), Map.of("ensure_single_timeout", 5), Map.of()),
                    call("ovs.examples.fail", List.of("no quorum"), Map.of(), Map.of())));
            assertSuccess(42, outcomes.get(0));
            assertSuccess(Map.of("message", "hi, ops"), outcomes.get(1));
            assertSuccess(nested, outcomes.get(2));
            assertSuccess(3, outcomes.get(3));
            assertFailure("FAILURE", "IllegalStateException", "celery.exceptions", outcomes.get(4));
            assertEquals(json(List.of("no quorum")), outcomes.get(4).get("args"));
        }
    }

    @Test
    public void retriesExpiryAndTimeLimitsAsACeleryClientExpectsThem() throws Exception {
        try (RabbitNode rabbit = new RabbitNode("limits")) {
            JsonNode outcomes = rabbit.python.call(List.of(
                    call("ovs.examples.retry_until", List.of("three", 3), Map.of(), Map.of()),
                    call("ovs.examples.retry_until", List.of("never", 10), Map.of(), Map.of()),
                    call("ovs.examples.add", List.of(1, 1), Map.of(), Map.of("countdown", 2, "expires", 1)),
                    call("ovs.examples.sleep", List.of(60), Map.of(), Map.of("time_limit", 1))));
            assertSuccess(3, outcomes.get(0));
            assertFailure("FAILURE", "MaxRetriesExceededError", "celery.exceptions", outcomes.get(1));
            assertFailure("REVOKED", "TaskRevokedError", "celery.exceptions", outcomes.get(2));
            assertFailure("FAILURE", "TimeLimitExceeded", "billiard.exceptions", outcomes.get(3));
            assertEquals(json(List.of(1.0)), outcomes.get(3).get("args"));
        }
    }

    @Test
    public void linkAndLinkErrorSendTheirSignaturesAsCeleryDoes() throws Exception {
        try (RabbitNode rabbit = new RabbitNode("links")) {
            Map<String, Object> linked = call("ovs.examples.add", List.of(2, 3), Map.of(), Map.of());
            linked.put("link", Map.of("name", "ovs.examples.add", "args", List.of(10)));
            Map<String, Object> failing = call("ovs.examples.fail", List.of("down"), Map.of(), Map.of());
            failing.put("link_error", Map.of("name", "ovs.examples.echo", "args", List.of()));
            JsonNode outcomes = rabbit.python.call(List.of(linked, failing));
            assertSuccess(5, outcomes.get(0));
            assertSuccess(15, outcomes.get(0).get("link"));
            assertFailure("FAILURE", "IllegalStateException", "celery.exceptions", outcomes.get(1));
            assertSuccess(outcomes.get(1).get("id").asText(), outcomes.get(1).get("link_error"));
        }
    }

    @Test
    public void javaCallsRunOnAPythonWorkerAndOnJavaWorkersWithResultsOverRpc() throws Exception {
        try (RabbitNode rabbit = new RabbitNode("java-client")) {
            rabbit.broker().declareQueue("python_itest", "python.#");
            Process worker = rabbit.python.worker();
            try {
                TaskOptions toPython = TaskOptions.defaults().routingKey("python.itest");
                assertEquals(5, tasks.task("ovs_itest.add").applyAsync(List.of(2, 3), Map.of(), toPython).get(DEADLINE));
                assertEquals(9, tasks.task("ovs_itest.add").applyAsync(List.of(), Map.of("x", 4, "y", 5), toPython).get(DEADLINE));
                TaskFailedException failure = assertThrows(TaskFailedException.class,
                        () -> tasks.task("ovs_itest.fail").applyAsync(List.of("boom"), Map.of(), toPython).get(DEADLINE));
                assertEquals(rabbit.python.workerLog(), "CustomError", failure.excType());
                assertEquals("ovs_itest", failure.excModule());
                assertEquals(Map.of("value", "again", "retries", 1),
                        tasks.task("ovs_itest.retry_once").applyAsync(List.of("again"), Map.of(), toPython).get(DEADLINE));

                assertEquals(42, tasks.task("ovs.examples.add").delay(40, 2).get(DEADLINE));
                assertEquals(2, tasks.task("ovs.examples.retry_until").delay("java", 2).get(DEADLINE));
            } finally {
                PythonCelery.stop(worker);
            }
        }
    }
}
