package io.ovsworkers.celery.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway virtual host on the local RabbitMQ: Celery's remote control and events exchanges ({@code celery.pidbox},
 * {@code celeryev}) are global to a virtual host, so a test that uses them owns one and deletes it afterwards.
 */
final class RabbitMqVirtualHost implements AutoCloseable {
    final String name = "ovs_test_" + UUID.randomUUID().toString().substring(0, 8);

    RabbitMqVirtualHost() throws IOException, InterruptedException {
        rabbitmqctl("add_vhost", name);
        rabbitmqctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
    }

    /** The URI as Java configuration takes it. */
    String uri() {
        return "amqp://guest:guest@127.0.0.1:5672/" + name;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        rabbitmqctl("delete_vhost", name);
    }

    private static void rabbitmqctl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(process.getInputStream().readAllBytes()));
        }
    }
}
