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

    /** Messages of the queue delivered to a consumer and not yet acknowledged; 0 while the queue does not exist. */
    long unacknowledged(String queue) throws IOException, InterruptedException {
        for (String line : rabbitmqctl("list_queues", "-p", name, "--no-table-headers", "name", "messages_unacknowledged").split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length == 2 && columns[0].equals(queue)) {
                return Long.parseLong(columns[1]);
            }
        }
        return 0;
    }

    @Override
    public void close() throws Exception {
        rabbitmqctl("delete_vhost", name);
    }

    private static String rabbitmqctl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (!exited || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
