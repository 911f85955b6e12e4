package io.ovsworkers.core.internal;

import io.ovsworkers.api.Retry;
import io.ovsworkers.api.TaskFailedException;
import io.ovsworkers.spi.TaskMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What Celery's {@code Task.retry} does with a worker's message: the same task again, later, one retry further. */
final class Retries {
    private Retries() {
    }

    /**
     * The message that runs the task again, as Celery sends it (same id, arguments, route, reply queue and links;
     * parent_id the task itself); empty when that retry would exceed the maximum.
     */
    static Optional<TaskMessage> next(TaskMessage message, Retry retry, Instant now) {
        int retries = message.retries() + 1;
        if (retry.maxRetries() != Retry.UNLIMITED && retries > retry.maxRetries()) {
            return Optional.empty();
        }
        Map<String, Object> headers = new LinkedHashMap<>(message.headers());
        headers.putIfAbsent("root_id", message.id());
        headers.put("parent_id", message.id());
        // the sender writes its own origin, as Celery's retrying worker does
        headers.remove("origin");
        return Optional.of(new TaskMessage(message.id(), message.task(), message.args(), message.kwargs(), message.routingKey(),
                message.queue(), retry.runAt(now), message.expires(), retries, message.replyTo(), headers));
    }

    /** The failure of a task that may not retry again: the retry's cause, or Celery's MaxRetriesExceededError. */
    static TaskFailedException exceeded(TaskMessage message, Retry retry) {
        if (retry.getCause() != null) {
            return TaskFailures.failed(message.task(), retry.getCause());
        }
        return new TaskFailedException(message.task(), "MaxRetriesExceededError", "celery.exceptions",
                "Can't retry " + message.task() + "[" + message.id() + "] args:" + python(message.args()) + " kwargs:"
                        + python(message.kwargs()), retry);
    }

    /** The RETRY state's result, as Celery's {@code mark_as_retry}: the retry's cause, or the Retry itself. */
    static Map<String, Object> meta(TaskMessage message, Retry retry) {
        if (retry.getCause() != null) {
            return TaskFailures.celeryForm(TaskFailures.failed(message.task(), retry.getCause()));
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("exc_type", "Retry");
        meta.put("exc_message", List.of(retry.getMessage()));
        meta.put("exc_module", "celery.exceptions");
        return meta;
    }

    /** Python's repr of a JSON value, as Celery's message shows the arguments (args as a tuple). */
    private static String python(Object value) {
        if (value instanceof List<?> list) {
            String items = list.stream().map(Retries::python).collect(Collectors.joining(", "));
            return "(" + items + (list.size() == 1 ? ",)" : ")");
        }
        return element(value);
    }

    private static String element(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof String text) {
            return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Retries::element).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> element(e.getKey()) + ": " + element(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(value);
    }
}
