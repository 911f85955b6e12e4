package io.ovsworkers.embedded.internal;

import io.ovsworkers.spi.BackendException;
import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.TaskMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A queued message as the broker file keeps it, in JSON: the task message's fields and the redelivery flag. */
record StoredMessage(String id, String task, List<Object> args, Map<String, Object> kwargs, String routingKey,
                     String queue, String eta, String expires, int retries, String replyTo,
                     Map<String, Object> headers, boolean redelivered) {

    static StoredMessage of(TaskMessage message) {
        return new StoredMessage(message.id(), message.task(), message.args(), message.kwargs(), message.routingKey(),
                message.queue(), text(message.eta()), text(message.expires()), message.retries(), message.replyTo(),
                message.headers(), false);
    }

    static StoredMessage decode(byte[] json) {
        try {
            return Json.MAPPER.readValue(json, StoredMessage.class);
        } catch (IOException e) {
            throw new BackendException("A message in the embedded broker file is unreadable: " + e.getMessage(), e);
        }
    }

    byte[] encode() {
        try {
            return Json.MAPPER.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new BackendException("Message " + id + " for '" + task + "' is not JSON-shaped: " + e.getMessage(), e);
        }
    }

    TaskMessage toTaskMessage() {
        return new TaskMessage(id, task, args, kwargs, routingKey, queue, instant(eta), instant(expires), retries,
                replyTo, headers);
    }

    StoredMessage asRedelivered() {
        return new StoredMessage(id, task, args, kwargs, routingKey, queue, eta, expires, retries, replyTo, headers,
                true);
    }

    /** The message moved to another queue by name, without a dead-letter reason. */
    StoredMessage movedTo(String target) {
        Map<String, Object> withoutReason = new LinkedHashMap<>(headers);
        withoutReason.remove(Broker.DEAD_LETTER_REASON_HEADER);
        return new StoredMessage(id, task, args, kwargs, routingKey, target, eta, expires, retries, replyTo, withoutReason,
                false);
    }

    /** The message as it lies in the dead-letter queue, with the reason in its headers. */
    StoredMessage asDeadLetter(String reason) {
        Map<String, Object> withReason = new LinkedHashMap<>(headers);
        withReason.put(Broker.DEAD_LETTER_REASON_HEADER, reason);
        return new StoredMessage(id, task, args, kwargs, routingKey, Broker.DEAD_LETTER_QUEUE, eta, expires, retries,
                replyTo, withReason, false);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
