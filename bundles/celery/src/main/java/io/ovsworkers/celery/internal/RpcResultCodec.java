package io.ovsworkers.celery.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.rabbitmq.client.AMQP;
import io.ovsworkers.api.TaskState;
import io.ovsworkers.spi.TaskResult;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Celery's rpc:// result message: {@code {"task_id", "status", "result", "traceback", "children"}} published to the
 * default exchange with the task's {@code reply_to} as routing key and the task id as correlation id.
 */
final class RpcResultCodec {
    /** The {@link TaskResult#extra()} key that names the queue a result goes to: the task message's reply_to. */
    static final String REPLY_TO = TaskResult.REPLY_TO;
    static final String CHILDREN = "children";

    private static final int TRANSIENT = 1;
    private static final int PERSISTENT = 2;

    private final ObjectMapper json = JsonMapper.builder().build();
    private final boolean persistent;

    /** @param persistent whether result messages survive a broker restart (Celery's result_persistent) */
    RpcResultCodec(boolean persistent) {
        this.persistent = persistent;
    }

    AmqpMessage encode(String replyTo, TaskResult result) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("task_id", result.taskId());
        meta.put("status", result.state().name());
        meta.put("result", result.result());
        meta.put("traceback", result.traceback());
        meta.put(CHILDREN, result.extra().getOrDefault(CHILDREN, List.of()));
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType(CeleryCodec.CONTENT_TYPE)
                .contentEncoding(CeleryCodec.CONTENT_ENCODING)
                .deliveryMode(persistent ? PERSISTENT : TRANSIENT)
                .priority(0)
                .correlationId(result.taskId())
                .build();
        try {
            return new AmqpMessage("", replyTo, properties, json.writeValueAsBytes(meta));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Result of task " + result.taskId() + " is not JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a result message. It carries no date, so the result has none.
     *
     * @throws UndecodableMessageException when it is not JSON or not a result meta
     */
    TaskResult decode(AMQP.BasicProperties properties, byte[] body) throws UndecodableMessageException {
        String contentType = properties.getContentType();
        if (contentType == null || !CeleryCodec.CONTENT_TYPE.equalsIgnoreCase(contentType.trim())) {
            throw new UndecodableMessageException("result content type '" + contentType + "' is not accepted; only "
                    + CeleryCodec.CONTENT_TYPE + " is");
        }
        Object parsed;
        try {
            parsed = json.readValue(body, Object.class);
        } catch (IOException e) {
            throw new UndecodableMessageException("result body is not valid JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> meta) || !(meta.get("task_id") instanceof String taskId)
                || !(meta.get("status") instanceof String status)) {
            throw new UndecodableMessageException("result body must be an object with task_id and status");
        }
        TaskState state;
        try {
            state = TaskState.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new UndecodableMessageException("result status '" + status + "' is not a Celery state", e);
        }
        Object traceback = meta.get("traceback");
        Map<String, Object> extra = new LinkedHashMap<>();
        if (meta.get(CHILDREN) != null) {
            extra.put(CHILDREN, meta.get(CHILDREN));
        }
        return new TaskResult(taskId, state, meta.get("result"), traceback instanceof String t ? t : null, null, extra);
    }
}
