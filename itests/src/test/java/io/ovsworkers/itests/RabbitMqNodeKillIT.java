package io.ovsworkers.itests;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Real node processes on RabbitMQ (a throwaway virtual host named in each node's config/ folder): a node killed
 * while a task runs leaves its message unacknowledged, RabbitMQ delivers it again, and another node completes it.
 */
public class RabbitMqNodeKillIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String FEATURES = "core,embedded,rabbitmq,shell,examples";

    private static Path home(String name, RabbitMqVirtualHost vhost) throws Exception {
        Path home = Distribution.WORK.resolve("rabbit-kill-" + name + "-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config").resolve("io.ovsworkers.broker.rabbitmq.cfg"), "uris = " + vhost.uri() + "\n");
        return home;
    }

    @Test
    public void aTaskCutShortByAKilledNodeIsCompletedByAnother() throws Exception {
        try (RabbitMqVirtualHost vhost = new RabbitMqVirtualHost("ovs-itest-kill-" + System.nanoTime())) {
            // sent by a Celery client straight to RabbitMQ, so that only the doomed node's RabbitMQ workers can take it
            String id = new PythonCelery(vhost.uri(), "unused", "kill")
                    .send(List.of(Map.of("name", "ovs.examples.sleep", "args", List.of(3)))).get(0).get("id").asText();
            try (NodeProcess doomed = NodeProcess.start(home("doomed", vhost), FEATURES, "ovs:result --wait 600 never-ready")) {
                Await.until("the doomed node to hold the task unacknowledged", DEADLINE, () -> {
                    try {
                        return vhost.unacknowledged("ovs_generic") == 1;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                doomed.kill();
            }
            List<String> results = NodeProcess.run(home("survivor", vhost), FEATURES, "ovs:result --wait 30 " + id, DEADLINE);
            assertEquals(List.of("{\"id\":\"" + id + "\",\"state\":\"SUCCESS\",\"result\":3.0}"), results);
        }
    }
}
