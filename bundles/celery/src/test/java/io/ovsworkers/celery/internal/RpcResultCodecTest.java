package io.ovsworkers.celery.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import io.ovsworkers.spi.TaskResult;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays every rpc:// result message a Python worker published: decode, re-encode, compare. */
class RpcResultCodecTest {
    private final RpcResultCodec codec = new RpcResultCodec(false);

    static Stream<Vectors.Vector> rpcResults() {
        return Vectors.rpcResults().stream();
    }

    @Test
    void everyCapturedResultIsCovered() {
        assertEquals(38, Vectors.rpcResults().size());
    }

    @ParameterizedTest
    @MethodSource("rpcResults")
    void decodesAndReEncodesWhatCelerySent(Vectors.Vector vector) throws Exception {
        JsonNode meta = vector.raw().get("body_json");
        TaskResult result = codec.decode(vector.properties(), vector.body());
        assertEquals(meta.get("task_id").asText(), result.taskId());
        assertEquals(meta.get("status").asText(), result.state().name());
        assertEquals(Vectors.JSON.convertValue(meta.get("result"), Object.class), result.result());
        assertEquals(meta.get("traceback").isNull() ? null : meta.get("traceback").asText(), result.traceback());
        assertNull(result.dateDone());

        Map<String, Object> extra = new HashMap<>(result.extra());
        extra.put(RpcResultCodec.REPLY_TO, vector.routingKey());
        AmqpMessage encoded = codec.encode(vector.routingKey(), new TaskResult(result.taskId(), result.state(),
                result.result(), result.traceback(), result.dateDone(), extra));
        assertEquals("", encoded.exchange());
        assertEquals(vector.routingKey(), encoded.routingKey());
        AMQP.BasicProperties props = encoded.properties();
        AMQP.BasicProperties original = vector.properties();
        assertEquals(original.getContentType(), props.getContentType());
        assertEquals(original.getContentEncoding(), props.getContentEncoding());
        assertEquals(original.getDeliveryMode(), props.getDeliveryMode());
        assertEquals(original.getPriority(), props.getPriority());
        assertEquals(original.getCorrelationId(), props.getCorrelationId());
        assertNull(props.getHeaders());
        assertNull(props.getReplyTo());
        assertEquals(meta, Vectors.JSON.readTree(encoded.body()));
    }

    @Test
    void refusesWhatIsNotAResult() {
        AMQP.BasicProperties json = new AMQP.BasicProperties.Builder().contentType("application/json").build();
        for (String body : new String[] {"[1]", "{\"task_id\": \"x\"}", "{\"task_id\": \"x\", \"status\": \"DONE\"}", "{"}) {
            assertThrows(UndecodableMessageException.class,
                    () -> codec.decode(json, body.getBytes(StandardCharsets.UTF_8)), body);
        }
        AMQP.BasicProperties yaml = new AMQP.BasicProperties.Builder().contentType("application/x-yaml").build();
        assertThrows(UndecodableMessageException.class,
                () -> codec.decode(yaml, "status: SUCCESS".getBytes(StandardCharsets.UTF_8)));
    }
}
