package io.ovsworkers.core.internal;

import io.ovsworkers.spi.TaskMessage;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task messages Celery's worker sends after a task, from the Celery signatures its message carries: the
 * {@code callbacks} ({@code link}) and the next step of a {@code chain} on success, the {@code errbacks}
 * ({@code link_error}) on failure. A signature is Celery's JSON dict: {@code task}, {@code args}, {@code kwargs},
 * {@code options}, {@code immutable}, {@code subtask_type}.
 */
final class Signatures {
    static final String CALLBACKS = "callbacks";
    static final String ERRBACKS = "errbacks";
    static final String CHAIN = "chain";
    private static final Logger LOG = LoggerFactory.getLogger(Signatures.class);

    private Signatures() {
    }

    /**
     * As Celery's tracer on success: each callback, then the chain's next task (the list's last element, sent with the
     * rest of the chain), each with the result prepended to its arguments unless it is immutable.
     */
    static List<TaskMessage> onSuccess(TaskMessage parent, Object result) {
        List<TaskMessage> messages = new ArrayList<>();
        for (Object callback : list(parent, CALLBACKS)) {
            addSendable(messages, parent, () -> message(parent, callback, result, null));
        }
        List<Object> chain = list(parent, CHAIN);
        if (!chain.isEmpty()) {
            addSendable(messages, parent, () -> message(parent, chain.get(chain.size() - 1), result, chain.subList(0, chain.size() - 1)));
        }
        return messages;
    }

    /**
     * As Celery's backend for an errback whose task the worker does not run itself: sent as a task with the failed
     * task's id prepended to its arguments. (A Python worker calls a local errback taking several parameters with the
     * request, exception and traceback instead; those are Python objects that cannot travel.)
     */
    static List<TaskMessage> onFailure(TaskMessage parent) {
        List<TaskMessage> messages = new ArrayList<>();
        for (Object errback : list(parent, ERRBACKS)) {
            addSendable(messages, parent, () -> message(parent, errback, parent.id(), null));
        }
        return messages;
    }

    /** A signature this worker cannot send is logged and left out; the others still go. */
    private static void addSendable(List<TaskMessage> messages, TaskMessage parent, Supplier<TaskMessage> build) {
        try {
            messages.add(build.get());
        } catch (IllegalArgumentException unusable) {
            LOG.error("Task {} [{}]: a linked task is not sent: {}", parent.task(), parent.id(), unusable.getMessage());
        }
    }

    private static TaskMessage message(TaskMessage parent, Object linked, Object prepended, List<Object> restOfChain) {
        if (!(linked instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("Task " + parent.id() + " links something that is not a Celery signature: " + linked);
        }
        Map<String, Object> signature = map(linked, "signature", parent);
        if (signature.get("subtask_type") != null) {
            throw new IllegalArgumentException("Task " + parent.id() + " links a Celery '" + signature.get("subtask_type")
                    + "'; only plain task signatures are sent by this worker");
        }
        if (!(signature.get("task") instanceof String task) || task.isEmpty()) {
            throw new IllegalArgumentException("Task " + parent.id() + " links a signature without a task name: " + signature);
        }
        Map<String, Object> options = map(signature.get("options"), "options", parent);
        List<Object> args = new ArrayList<>();
        if (!Boolean.TRUE.equals(signature.get("immutable"))) {
            args.add(prepended);
        }
        args.addAll(signature.get("args") instanceof List<?> own ? own : List.of());
        Map<String, Object> kwargs = map(signature.get("kwargs"), "kwargs", parent);

        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("root_id", parent.headers().getOrDefault("root_id", parent.id()));
        headers.put("parent_id", parent.id());
        putList(headers, CALLBACKS, options.get("link"));
        putList(headers, ERRBACKS, options.get("link_error"));
        if (restOfChain != null && !restOfChain.isEmpty()) {
            headers.put(CHAIN, new ArrayList<>(restOfChain));
        }
        if (options.get("soft_time_limit") != null || options.get("time_limit") != null) {
            headers.put(TimeLimits.HEADER, Arrays.asList(options.get("time_limit"), options.get("soft_time_limit")));
        }
        String queue = options.get("queue") instanceof String q && !q.isEmpty() ? q : null;
        String routingKey = options.get("routing_key") instanceof String key && !key.isEmpty() ? key
                : queue == null ? Dispatcher.DEFAULT_ROUTING_KEY : null;
        String id = options.get("task_id") instanceof String given && !given.isEmpty() ? given : UUID.randomUUID().toString();
        Instant eta = options.get("countdown") instanceof Number countdown
                ? Instant.now().plusMillis(Math.round(countdown.doubleValue() * 1000)) : instant(options.get("eta"));
        Instant expires = options.get("expires") instanceof Number seconds
                ? Instant.now().plusMillis(Math.round(seconds.doubleValue() * 1000)) : instant(options.get("expires"));
        // a signature frozen by a Celery client names the client's reply queue, so that it can await the linked task
        String replyTo = options.get("reply_to") instanceof String queueName && !queueName.isEmpty() ? queueName : null;
        return new TaskMessage(id, task, args, kwargs, routingKey, queue, eta, expires, 0, replyTo, headers);
    }

    private static List<Object> list(TaskMessage parent, String header) {
        Object value = parent.headers().get(header);
        return value instanceof List<?> many ? new ArrayList<>(many) : value == null ? List.of() : List.of(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what, TaskMessage parent) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("Task " + parent.id() + " links a signature whose " + what + " is not a JSON object: " + value);
    }

    private static void putList(Map<String, Object> headers, String key, Object signatures) {
        if (signatures instanceof List<?> many && !many.isEmpty()) {
            headers.put(key, many);
        } else if (signatures instanceof Map<?, ?> one) {
            headers.put(key, List.of(one));
        }
    }

    /** Celery's ISO-8601 times, with an offset or naive UTC. */
    private static Instant instant(Object value) {
        if (!(value instanceof String text)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException naive) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("A linked signature's time '" + text + "' is not ISO-8601", e);
            }
        }
    }
}
