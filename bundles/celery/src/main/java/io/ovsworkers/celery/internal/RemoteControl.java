package io.ovsworkers.celery.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.ovsworkers.api.NodeInfo;
import io.ovsworkers.api.monitor.ActiveTask;
import io.ovsworkers.api.monitor.ClusterControl;
import io.ovsworkers.api.monitor.Revocations;
import io.ovsworkers.api.monitor.TaskCounters;
import io.ovsworkers.api.monitor.WorkerStatus;
import io.ovsworkers.spi.BackendException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Celery's remote control on RabbitMQ, both ways. As a worker: consumes {@code <node name>.celery.pidbox} (bound to the
 * fanout exchange {@code celery.pidbox}) and answers {@code ping}, {@code registered}, {@code active}, {@code stats},
 * {@code revoked}, {@code clock}, {@code query_task}, {@code hello}, and obeys {@code revoke} and {@code terminate}, so
 * that {@code celery inspect} and {@code celery control} see Java workers. As a client ({@link ClusterControl}):
 * broadcasts a command and collects every worker's reply on its own {@code <oid>.reply.celery.pidbox} queue.
 */
// immediate: a worker answers the remote control whether or not anyone on this node uses ClusterControl
@Component(service = ClusterControl.class, immediate = true)
public final class RemoteControl implements ClusterControl {
    static final String PIDBOX_EXCHANGE = "celery.pidbox";
    static final String REPLY_EXCHANGE = "reply.celery.pidbox";
    private static final Logger LOG = LoggerFactory.getLogger(RemoteControl.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** Celery's control_queue_expires (10 s) and control_queue_ttl (300 s); a queue declared otherwise is refused. */
    private static final Map<String, Object> CONTROL_QUEUE_ARGUMENTS = Map.of("x-expires", 10_000, "x-message-ttl", 300_000);
    private static final int MAX_REVOKED_LISTED = 10_000;

    @Reference
    RabbitMqBroker broker;

    @Reference
    WorkerStatus status;

    @Reference
    Revocations revocations;

    @Reference
    NodeInfo node;

    private final LamportClock clock = new LamportClock();
    private final String oid = UUID.randomUUID().toString();
    private final Map<String, Map<String, Object>> pendingReplies = new ConcurrentHashMap<>();
    private String nodeName;
    private Channel consuming;
    private Channel publishing;

    @Activate
    void activate() throws IOException {
        nodeName = CeleryNodeName.of(node);
        consuming = broker.connection().createChannel();
        publishing = broker.connection().createChannel();
        consuming.exchangeDeclare(PIDBOX_EXCHANGE, "fanout", false, false, false, null);
        consuming.exchangeDeclare(REPLY_EXCHANGE, "direct", false, false, false, null);
        String pidbox = nodeName + "." + PIDBOX_EXCHANGE;
        consuming.queueDeclare(pidbox, false, false, true, CONTROL_QUEUE_ARGUMENTS);
        consuming.queueBind(pidbox, PIDBOX_EXCHANGE, "");
        consuming.basicConsume(pidbox, true, new DefaultConsumer(consuming) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                onRequest(properties, body);
            }
        });
        String replies = oid + "." + REPLY_EXCHANGE;
        consuming.queueDeclare(replies, false, false, true, CONTROL_QUEUE_ARGUMENTS);
        consuming.queueBind(replies, REPLY_EXCHANGE, oid);
        consuming.basicConsume(replies, true, new DefaultConsumer(consuming) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                onReply(properties, body);
            }
        });
        LOG.info("Celery remote control: worker {} answers on {}", nodeName, pidbox);
    }

    @Deactivate
    void deactivate() {
        for (Channel channel : List.of(consuming, publishing)) {
            try {
                if (channel.isOpen()) {
                    channel.close();
                }
            } catch (IOException | TimeoutException | RuntimeException e) {
                LOG.debug("Closing a remote control channel failed", e);
            }
        }
    }

    @Override
    public String nodeName() {
        return nodeName;
    }

    @Override
    public Map<String, Object> broadcast(String method, Map<String, Object> arguments, Duration timeout) {
        String ticket = UUID.randomUUID().toString();
        Map<String, Object> replies = new LinkedHashMap<>();
        pendingReplies.put(ticket, replies);
        try {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("method", method);
            request.put("arguments", arguments);
            request.put("destination", null);
            request.put("pattern", null);
            request.put("matcher", null);
            request.put("ticket", ticket);
            request.put("reply_to", Map.of("exchange", REPLY_EXCHANGE, "routing_key", oid));
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put("clock", clock.tick());
            headers.put("expires", (Instant.now().plus(timeout).toEpochMilli()) / 1000.0);
            publish(PIDBOX_EXCHANGE, "", headers, 2, request);
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (replies) {
                long left;
                while ((left = deadline - System.nanoTime()) > 0) {
                    replies.wait(Math.max(1, left / 1_000_000));
                }
                return new LinkedHashMap<>(replies);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (replies) {
                return new LinkedHashMap<>(replies);
            }
        } finally {
            pendingReplies.remove(ticket);
        }
    }

    private void onReply(AMQP.BasicProperties properties, byte[] body) {
        Map<String, Object> headers = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
        Map<String, Object> replies = pendingReplies.get(String.valueOf(headers.get("ticket")));
        if (replies == null) {
            return;
        }
        try {
            Map<String, Object> reply = JSON.readValue(body, new TypeReference<>() { });
            synchronized (replies) {
                replies.putAll(reply);
                replies.notifyAll();
            }
        } catch (IOException e) {
            LOG.warn("Ignoring a remote control reply that is not a JSON object: {}", e.getMessage());
        }
    }

    private void onRequest(AMQP.BasicProperties properties, byte[] body) {
        Map<String, Object> headers = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
        if (headers.get("clock") instanceof Number received) {
            clock.adjust(received.longValue());
        }
        if (headers.get("expires") instanceof Number expires && expires.doubleValue() > 0
                && expires.doubleValue() * 1000 < System.currentTimeMillis()) {
            return;
        }
        Map<String, Object> request;
        try {
            request = JSON.readValue(body, new TypeReference<>() { });
        } catch (IOException e) {
            LOG.warn("Ignoring a remote control request that is not a JSON object: {}", e.getMessage());
            return;
        }
        if (!addressedToMe(request)) {
            return;
        }
        String method = String.valueOf(request.get("method"));
        Map<String, Object> arguments = request.get("arguments") instanceof Map<?, ?> given ? castMap(given) : Map.of();
        Object reply;
        try {
            reply = handle(method, arguments);
        } catch (RuntimeException e) {
            LOG.warn("Remote control {} failed", method, e);
            reply = Map.of("error", e.getClass().getSimpleName() + "('" + e.getMessage() + "')");
        }
        if (request.get("reply_to") instanceof Map<?, ?> replyTo && request.get("ticket") != null) {
            if (!REPLY_EXCHANGE.equals(replyTo.get("exchange"))) {
                // publishing to an exchange that may not exist would close the channel (404)
                LOG.warn("Not replying to remote control {} on exchange {}: only {} is used for replies", method, replyTo.get("exchange"), REPLY_EXCHANGE);
                return;
            }
            Map<String, Object> replyHeaders = new LinkedHashMap<>();
            replyHeaders.put("ticket", String.valueOf(request.get("ticket")));
            replyHeaders.put("clock", clock.tick());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put(nodeName, reply);
            try {
                publish(REPLY_EXCHANGE, String.valueOf(replyTo.get("routing_key")), replyHeaders, 1, answer);
            } catch (BackendException e) {
                LOG.warn("Could not reply to remote control {}: {}", method, e.getMessage());
            }
        }
    }

    private boolean addressedToMe(Map<String, Object> request) {
        Object destination = request.get("destination");
        if (destination instanceof Collection<?> names && !names.isEmpty()) {
            return names.contains(nodeName);
        }
        if (request.get("pattern") instanceof String pattern && !pattern.isEmpty()) {
            Pattern compiled = "pcre".equals(request.get("matcher")) ? Pattern.compile(pattern) : glob(pattern);
            return compiled.matcher(nodeName).matches();
        }
        return true;
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** Answers one command; the reply shapes are those of a Celery 5.2 worker. */
    Object handle(String method, Map<String, Object> arguments) {
        return switch (method) {
            case "ping" -> Map.of("ok", "pong");
            case "registered" -> status.registeredTasks();
            case "active" -> status.active().stream().map(this::requestInfo).toList();
            case "reserved", "scheduled" -> List.of();
            case "revoked" -> revocations.revokedIds(MAX_REVOKED_LISTED);
            case "stats" -> stats();
            case "clock" -> Map.of("clock", clock.value());
            case "query_task" -> queryTask(arguments);
            case "revoke" -> revoke(arguments, Boolean.TRUE.equals(arguments.get("terminate")));
            case "terminate" -> revoke(arguments, true);
            case "hello" -> hello(arguments);
            default -> Map.of("error", "KeyError('" + method + "')");
        };
    }

    private Map<String, Object> revoke(Map<String, Object> arguments, boolean terminate) {
        List<String> ids = taskIds(arguments.get("task_id"));
        List<String> terminated = new ArrayList<>();
        for (String id : ids) {
            if (revocations.revoke(id, terminate)) {
                terminated.add(id);
            }
        }
        if (terminate) {
            return Map.of("ok", terminated.isEmpty() ? "terminate: tasks unknown" : "terminate: " + String.join(", ", terminated));
        }
        return Map.of("ok", "tasks " + String.join(", ", ids) + " flagged as revoked");
    }

    private static List<String> taskIds(Object given) {
        if (given instanceof String id) {
            return List.of(id);
        }
        if (given instanceof Collection<?> ids) {
            return ids.stream().map(String::valueOf).toList();
        }
        throw new IllegalArgumentException("revoke needs task_id, a task id or a list of them; got " + given);
    }

    private Map<String, Object> queryTask(Map<String, Object> arguments) {
        List<String> ids = arguments.get("ids") == null ? List.of() : taskIds(arguments.get("ids"));
        Map<String, Object> found = new LinkedHashMap<>();
        for (ActiveTask task : status.active()) {
            if (ids.contains(task.id())) {
                found.put(task.id(), List.of("active", requestInfo(task)));
            }
        }
        return found;
    }

    /** Mingle: a starting Python worker asks for the revoked ids; Celery's LimitedSet entries are [timestamp, id]. */
    private Object hello(Map<String, Object> arguments) {
        if (nodeName.equals(arguments.get("from_node"))) {
            return null;
        }
        double now = System.currentTimeMillis() / 1000.0;
        Map<String, Object> revoked = new LinkedHashMap<>();
        for (String id : revocations.revokedIds(MAX_REVOKED_LISTED)) {
            revoked.put(id, List.of(now, id));
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("revoked", revoked);
        reply.put("clock", clock.value());
        return reply;
    }

    private Map<String, Object> requestInfo(ActiveTask task) {
        Map<String, Object> deliveryInfo = new LinkedHashMap<>();
        deliveryInfo.put("exchange", task.routingKey() == null ? "" : broker.exchange());
        deliveryInfo.put("routing_key", task.routingKey());
        deliveryInfo.put("priority", 0);
        deliveryInfo.put("redelivered", task.redelivered());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", task.id());
        info.put("name", task.name());
        info.put("args", task.args());
        info.put("kwargs", task.kwargs());
        info.put("type", task.name());
        info.put("hostname", nodeName);
        info.put("time_start", task.startedAt().toEpochMilli() / 1000.0);
        // Java workers acknowledge once the result is stored, as Celery's acks_late
        info.put("acknowledged", false);
        info.put("delivery_info", deliveryInfo);
        info.put("worker_pid", ProcessHandle.current().pid());
        return info;
    }

    private Map<String, Object> stats() {
        TaskCounters counters = status.counters();
        Map<String, Object> total = new LinkedHashMap<>();
        counters.byName().forEach((name, timings) -> total.put(name, timings.runs()));
        long pid = ProcessHandle.current().pid();
        Map<String, Object> pool = new LinkedHashMap<>();
        pool.put("implementation", "java threads");
        pool.put("processes", List.of(pid));
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("total", total);
        stats.put("pid", pid);
        stats.put("clock", String.valueOf(clock.value()));
        stats.put("uptime", Duration.between(status.startedAt(), Instant.now()).toSeconds());
        stats.put("pool", pool);
        stats.put("broker", Map.of("transport", "amqp"));
        stats.put("queues", status.queues());
        return stats;
    }

    private void publish(String exchange, String routingKey, Map<String, Object> headers, int deliveryMode, Object body) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType(CeleryCodec.CONTENT_TYPE).contentEncoding(CeleryCodec.CONTENT_ENCODING)
                .deliveryMode(deliveryMode).priority(0).headers(headers).build();
        try {
            byte[] bytes = JSON.writeValueAsBytes(body);
            synchronized (publishing) {
                publishing.basicPublish(exchange, routingKey, properties, bytes);
            }
        } catch (IOException | RuntimeException e) {
            throw new BackendException("Cannot publish a remote control message to '" + exchange + "': " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
