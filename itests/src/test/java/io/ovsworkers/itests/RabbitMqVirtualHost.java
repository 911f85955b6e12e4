package io.ovsworkers.itests;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throwaway virtual host on the local RabbitMQ, so a test owns its queues and leaves nothing behind. */
final class RabbitMqVirtualHost implements AutoCloseable {
    private final String name;

    RabbitMqVirtualHost(String name) throws Exception {
        this.name = name;
        rabbitmqctl("add_vhost", name);
        rabbitmqctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
    }

    String uri() {
        return "amqp://guest:guest@127.0.0.1:5672/" + name;
    }

    @Override
    public void close() throws Exception {
        rabbitmqctl("delete_vhost", name);
    }

    private static void rabbitmqctl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(process.getInputStream().readAllBytes()));
        }
    }
}
