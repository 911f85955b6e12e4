package io.ovsworkers.celery.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import io.ovsworkers.api.NodeInfo;
import io.ovsworkers.api.monitor.TaskEvent;
import io.ovsworkers.api.monitor.TaskEventListener;
import io.ovsworkers.api.monitor.TaskEventType;
import io.ovsworkers.api.monitor.WorkerStatus;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends this node's task events and worker heartbeats on Celery's {@code celeryev} topic exchange in Celery 5.2's
 * format, one event per message (routing key: the type with {@code -} as {@code .}), so that {@code celery events}
 * and Flower show Java workers. Active while {@value CeleryEventsConfiguration#PID} is configured.
 */
@Component(service = TaskEventListener.class, configurationPid = CeleryEventsConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = CeleryEventsConfiguration.class)
public final class CeleryEvents implements TaskEventListener {
    static final String EXCHANGE = "celeryev";
    private static final Logger LOG = LoggerFactory.getLogger(CeleryEvents.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Reference
    RabbitMqBroker broker;

    @Reference
    WorkerStatus status;

    @Reference
    NodeInfo node;

    private final LamportClock clock = new LamportClock();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "ovs-celery-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private String nodeName;
    private double frequency;
    private boolean taskSentEvents;
    private Channel channel;

    @Activate
    void activate(CeleryEventsConfiguration config) throws IOException {
        if (!(config.heartbeatSeconds() > 0 && config.heartbeatSeconds() <= 3600)) {
            throw new IllegalArgumentException(CeleryEventsConfiguration.PID + ": heartbeatSeconds must be above 0 and at most 3600, got "
                    + config.heartbeatSeconds());
        }
        frequency = config.heartbeatSeconds();
        taskSentEvents = config.taskSentEvents();
        nodeName = CeleryNodeName.of(node);
        channel = broker.connection().createChannel();
        channel.exchangeDeclare(EXCHANGE, "topic", true, false, false, null);
        send(workerEvent("worker-online"));
        long period = Math.round(frequency * 1000);
        heartbeats.scheduleAtFixedRate(() -> send(workerEvent("worker-heartbeat")), period, period, TimeUnit.MILLISECONDS);
        LOG.info("Celery events: worker {} sends task events and a heartbeat every {} s on '{}'", nodeName, frequency, EXCHANGE);
    }

    @Deactivate
    void deactivate() {
        heartbeats.shutdownNow();
        send(workerEvent("worker-offline"));
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.debug("Closing the events channel failed", e);
        }
    }

    @Override
    public void onTaskEvent(TaskEvent event) {
        if (event.type() == TaskEventType.SENT && !taskSentEvents) {
            return;
        }
        Map<String, Object> body = common(event.type().celeryType(), event.timestamp());
        body.put("uuid", event.taskId());
        if (event.type() == TaskEventType.RECEIVED || event.type() == TaskEventType.SENT) {
            body.put("name", event.taskName());
        }
        event.fields().forEach((field, value) -> body.put(field, shown(field, value)));
        send(body);
    }

    /** Celery sends args, kwargs and results as repr strings; a Java worker sends their JSON text. */
    private static Object shown(String field, Object value) {
        if (!List.of("args", "kwargs", "result").contains(field)) {
            return value;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private Map<String, Object> workerEvent(String type) {
        Map<String, Object> body = common(type, Instant.now());
        body.put("freq", frequency);
        body.put("active", status.active().size());
        body.put("processed", status.counters().finished());
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        body.put("loadavg", List.of(load, load, load));
        body.put("sw_ident", "ovs-workers");
        body.put("sw_ver", "1.0.0");
        body.put("sw_sys", System.getProperty("os.name"));
        return body;
    }

    private Map<String, Object> common(String type, Instant timestamp) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hostname", nodeName);
        // Celery's utcoffset: hours west of UTC
        body.put("utcoffset", -TimeZone.getDefault().getOffset(timestamp.toEpochMilli()) / 3_600_000);
        body.put("pid", ProcessHandle.current().pid());
        body.put("clock", clock.tick());
        body.put("timestamp", timestamp.toEpochMilli() / 1000.0);
        body.put("type", type);
        return body;
    }

    private void send(Map<String, Object> body) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType(CeleryCodec.CONTENT_TYPE).contentEncoding(CeleryCodec.CONTENT_ENCODING)
                .deliveryMode(1).priority(0).headers(Map.of("hostname", nodeName)).build();
        String routingKey = String.valueOf(body.get("type")).replace('-', '.');
        try {
            byte[] bytes = JSON.writeValueAsBytes(body);
            synchronized (this) {
                channel.basicPublish(EXCHANGE, routingKey, properties, bytes);
            }
        } catch (IOException | RuntimeException e) {
            // events are best effort, as in Celery: a task never fails because its event could not be sent
            LOG.debug("Could not send event {}", routingKey, e);
        }
    }
}
