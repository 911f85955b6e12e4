package io.ovsworkers.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Options of an asynchronous call, as Celery's {@code apply_async}. Immutable; each setter returns a copy. */
public final class TaskOptions {
    private static final TaskOptions DEFAULTS = new TaskOptions(null, null, null, null, null);

    private final String routingKey;
    private final String queue;
    private final Instant eta;
    private final Instant expires;
    private final String taskId;

    private TaskOptions(String routingKey, String queue, Instant eta, Instant expires, String taskId) {
        this.routingKey = routingKey;
        this.queue = queue;
        this.eta = eta;
        this.expires = expires;
        this.taskId = taskId;
    }

    public static TaskOptions defaults() {
        return DEFAULTS;
    }

    /** Routing key on the task exchange, for example {@code masters.x} or {@code sr.<machine id>.x}. */
    public TaskOptions routingKey(String key) {
        return new TaskOptions(Objects.requireNonNull(key, "routingKey"), queue, eta, expires, taskId);
    }

    /** A queue to send to directly, instead of routing by key. */
    public TaskOptions queue(String name) {
        return new TaskOptions(routingKey, Objects.requireNonNull(name, "queue"), eta, expires, taskId);
    }

    /** Run no earlier than this long from now. */
    public TaskOptions countdown(Duration delay) {
        return eta(Instant.now().plus(delay));
    }

    /** Run no earlier than this instant. */
    public TaskOptions eta(Instant instant) {
        return new TaskOptions(routingKey, queue, Objects.requireNonNull(instant, "eta"), expires, taskId);
    }

    /** Do not run after this instant; a task received later is revoked. */
    public TaskOptions expires(Instant instant) {
        return new TaskOptions(routingKey, queue, eta, Objects.requireNonNull(instant, "expires"), taskId);
    }

    /** Use this task id instead of a generated one. */
    public TaskOptions taskId(String id) {
        return new TaskOptions(routingKey, queue, eta, expires, Objects.requireNonNull(id, "taskId"));
    }

    public Optional<String> routingKey() {
        return Optional.ofNullable(routingKey);
    }

    public Optional<String> queue() {
        return Optional.ofNullable(queue);
    }

    public Optional<Instant> eta() {
        return Optional.ofNullable(eta);
    }

    public Optional<Instant> expires() {
        return Optional.ofNullable(expires);
    }

    public Optional<String> taskId() {
        return Optional.ofNullable(taskId);
    }
}
