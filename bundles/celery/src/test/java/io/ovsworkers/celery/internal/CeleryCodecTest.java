package io.ovsworkers.celery.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import io.ovsworkers.spi.TaskMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays every captured Celery 5.2 task message: decode, re-encode, decode again and compare. */
class CeleryCodecTest {
    private final CeleryCodec codec = new CeleryCodec("generic", "java1@test", 1 << 20);

    static Stream<Vectors.Vector> jsonTaskMessages() {
        return Vectors.taskMessages().stream()
                .filter(v -> "application/json".equals(v.properties().getContentType()));
    }

    @Test
    void everyCapturedTaskMessageIsCovered() {
        assertEquals(36 + 17 + 2 + 2, Vectors.taskMessages().size());
    }

    @ParameterizedTest
    @MethodSource("jsonTaskMessages")
    void decodesWhatCelerySent(Vectors.Vector vector) throws Exception {
        TaskMessage message = codec.decode(vector.exchange(), vector.routingKey(), vector.properties(), vector.body());
        JsonNode raw = vector.raw();
        boolean v1 = raw.path("protocol").asInt(2) == 1;
        JsonNode fields = v1 ? raw.get("body_json") : raw.get("headers");
        JsonNode body = bodyJson(vector);

        assertEquals(fields.get("task").asText(), message.task());
        assertEquals(fields.get("id").asText(), message.id());
        assertEquals(vector.properties().getCorrelationId(), message.id());
        assertEquals(json(v1 ? body.get("args") : body.get(0)), message.args());
        assertEquals(json(v1 ? body.get("kwargs") : body.get(1)), message.kwargs());
        assertEquals(instant(fields.get("eta")), message.eta());
        assertEquals(instant(fields.get("expires")), message.expires());
        assertEquals(fields.get("retries").asInt(), message.retries());
        assertEquals(vector.properties().getReplyTo(), message.replyTo());
        assertEquals(vector.routingKey(), message.routingKey());
        assertNull(message.queue());
        if (!v1) {
            raw.get("headers").fields().forEachRemaining(h -> {
                if (!List.of("task", "id", "eta", "expires", "retries", "compression").contains(h.getKey())) {
                    assertEquals(json(h.getValue()), message.headers().get(h.getKey()), h.getKey());
                }
            });
        }
        for (String key : CeleryCodec.EMBED_KEYS) {
            JsonNode embedded = v1 ? body.get(key) : body.get(2).get(key);
            assertEquals(embedded == null ? null : json(embedded), message.headers().get(key), key);
        }
    }

    @ParameterizedTest
    @MethodSource("jsonTaskMessages")
    void reEncodesToTheSameCeleryMessage(Vectors.Vector vector) throws Exception {
        TaskMessage message = codec.decode(vector.exchange(), vector.routingKey(), vector.properties(), vector.body());
        AmqpMessage encoded = codec.encode(message);

        assertEquals("generic", encoded.exchange());
        assertEquals(vector.routingKey(), encoded.routingKey());
        AMQP.BasicProperties original = vector.properties();
        AMQP.BasicProperties props = encoded.properties();
        assertEquals("application/json", props.getContentType());
        assertEquals("utf-8", props.getContentEncoding());
        assertEquals(2, props.getDeliveryMode());
        assertEquals(original.getCorrelationId(), props.getCorrelationId());
        assertEquals(original.getReplyTo(), props.getReplyTo());
        assertEquals(original.getPriority() == null ? 0 : original.getPriority(), props.getPriority());
        assertEquals(original.getExpiration() != null, props.getExpiration() != null);

        JsonNode sent = Vectors.JSON.readTree(encoded.body());
        assertEquals(3, sent.size());
        JsonNode body = bodyJson(vector);
        boolean v1 = vector.raw().path("protocol").asInt(2) == 1;
        assertEquals(v1 ? body.get("args") : body.get(0), sent.get(0));
        assertEquals(v1 ? body.get("kwargs") : body.get(1), sent.get(1));
        assertEquals(List.of("callbacks", "errbacks", "chain", "chord"), fieldNames(sent.get(2)));
        if (!v1) {
            assertEquals(body.get(2), sent.get(2));
            Map<String, Object> headers = FieldValues.fromTable(props.getHeaders());
            Map<String, Object> expected = FieldValues.fromTable(original.getHeaders());
            expected.remove("compression");
            for (String time : List.of("eta", "expires")) {
                assertEquals(instantOf(expected.remove(time)), instantOf(headers.remove(time)), time);
            }
            assertEquals(expected, headers);
            assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(headers.keySet()), "header order");
            assertTypes(original.getHeaders(), props.getHeaders());
        }

        TaskMessage again = codec.decode(encoded.exchange(), encoded.routingKey(), props, encoded.body());
        assertEquals(message.id(), again.id());
        assertEquals(message.args(), again.args());
        assertEquals(message.kwargs(), again.kwargs());
        assertEquals(message.eta(), again.eta());
        assertEquals(message.expires(), again.expires());
        assertEquals(message.retries(), again.retries());
        message.headers().forEach((key, value) -> {
            if (!key.equals(CeleryCodec.PRIORITY_HEADER)) {
                assertEquals(value, again.headers().get(key), key);
            }
        });
    }

    @Test
    void refusesPickleWithoutReadingIt() {
        Vectors.Vector pickle = Vectors.in("tasks_v2", "serializer_pickle_v2.json").get(0);
        UndecodableMessageException e = assertThrows(UndecodableMessageException.class,
                () -> codec.decode(pickle.exchange(), pickle.routingKey(), pickle.properties(), pickle.body()));
        assertTrue(e.reason().contains("application/x-python-serialize"), e.reason());
    }

    @Test
    void refusesTheForeignProbesPythonCannotRead() {
        for (String probe : List.of("bad_json_body", "body_two_elements", "content_type_disallowed")) {
            JsonNode sent = Vectors.read(Vectors.ROOT.resolve("foreign_probe/" + probe + ".json"))
                    .get("probes").get(0).get("sent");
            Map<String, Object> headers = new LinkedHashMap<>();
            sent.get("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .contentType(sent.get("properties").get("content_type").asText())
                    .contentEncoding("utf-8").headers(headers).build();
            UndecodableMessageException e = assertThrows(UndecodableMessageException.class, () -> codec.decode(
                    "generic", "generic.#", props, sent.get("body").asText().getBytes(StandardCharsets.UTF_8)), probe);
            assertFalse(e.reason().isBlank());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"[[1], {}]", "{\"a\": 1}", "[1, {}, {}]", "[[1], [], {}]", "[[1], {}, 5]", "[[1], {}, {}] x",
            "\"text\"", ""})
    void refusesWrongShapes(String body) {
        AMQP.BasicProperties props = props(Map.of("task", "t", "id", "1"));
        assertThrows(UndecodableMessageException.class,
                () -> codec.decode("generic", "generic.#", props, body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesMissingTaskNameAndBadDates() {
        byte[] body = "[[], {}, {}]".getBytes(StandardCharsets.UTF_8);
        assertThrows(UndecodableMessageException.class,
                () -> codec.decode("generic", "g", props(Map.of("id", "1")), body));
        UndecodableMessageException e = assertThrows(UndecodableMessageException.class,
                () -> codec.decode("generic", "g", props(Map.of("task", "t", "id", "1", "eta", "tomorrow")), body));
        assertTrue(e.reason().contains("eta"), e.reason());
    }

    @Test
    void refusesOversizedBodies() {
        CeleryCodec small = new CeleryCodec("generic", "java1@test", 16);
        UndecodableMessageException e = assertThrows(UndecodableMessageException.class, () -> small.decode("generic",
                "g", props(Map.of("task", "t", "id", "1")), "[[\"0123456789\"], {}, {}]".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.reason().contains("16 bytes"), e.reason());
    }

    @Test
    void readsTheTimeFormatsPythonWorkersAccept() {
        Instant expected = Instant.parse("2026-12-03T16:16:13.709Z");
        for (String text : List.of("2026-12-03T16:16:13.709Z", "2026-12-03T16:16:13.709+00:00",
                "2026-12-03T16:16:13.709000", "2026-12-03T17:16:13.709+01:00")) {
            assertEquals(expected, CeleryTimes.parse(text), text);
        }
        assertEquals("2030-01-01T12:00:00+00:00", CeleryTimes.format(Instant.parse("2030-01-01T12:00:00Z")));
        assertEquals("2026-12-03T16:07:29.525837+00:00", CeleryTimes.format(Instant.parse("2026-12-03T16:07:29.525837Z")));
    }

    @Test
    void encodesAJavaCallLikeApplyAsync() throws Exception {
        TaskMessage message = new TaskMessage("id-1", "ovs.add", List.of(1, 2), Map.of("big", 1L << 40), null,
                "ovs_masters", Instant.parse("2030-01-01T12:00:00Z"), Instant.now().plusSeconds(60), 0, "replies",
                Map.of("x-custom", "v"));
        AmqpMessage encoded = codec.encode(message);
        assertEquals("", encoded.exchange());
        assertEquals("ovs_masters", encoded.routingKey());
        Map<String, Object> headers = encoded.properties().getHeaders();
        assertEquals("2030-01-01T12:00:00+00:00", headers.get("eta"));
        assertEquals("id-1", headers.get("root_id"));
        assertEquals("java1@test", headers.get("origin"));
        assertEquals(Arrays.asList(null, null), headers.get("timelimit"));
        assertEquals("v", headers.get("x-custom"));
        long ttl = Long.parseLong(encoded.properties().getExpiration());
        assertTrue(ttl > 0 && ttl <= 60_000, "ttl " + ttl);
        assertEquals("[[1,2],{\"big\":1099511627776},{\"callbacks\":null,\"errbacks\":null,\"chain\":null,\"chord\":null}]",
                new String(encoded.body(), StandardCharsets.UTF_8));
        TaskMessage decoded = codec.decode(encoded.exchange(), encoded.routingKey(), encoded.properties(), encoded.body());
        assertEquals("ovs_masters", decoded.queue());
        assertEquals(1L << 40, decoded.kwargs().get("big"));
    }

    private static AMQP.BasicProperties props(Map<String, Object> headers) {
        return new AMQP.BasicProperties.Builder().contentType("application/json").contentEncoding("utf-8")
                .headers(headers).build();
    }

    private static JsonNode bodyJson(Vectors.Vector vector) throws Exception {
        JsonNode body = vector.raw().get("body_json");
        if (body != null && !body.isNull()) {
            return body;
        }
        // the capture holds no JSON for the zlib vector: its body is compressed
        Inflater inflater = new Inflater();
        inflater.setInput(vector.body());
        byte[] plain = new byte[64 * 1024];
        int length = inflater.inflate(plain);
        inflater.end();
        return Vectors.JSON.readTree(Arrays.copyOf(plain, length));
    }

    private static Object json(JsonNode node) {
        return Vectors.JSON.convertValue(node, Object.class);
    }

    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : CeleryTimes.parse(node.asText());
    }

    private static Instant instantOf(Object value) {
        return value == null ? null : CeleryTimes.parse((String) value);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The AMQP types Celery wrote are the ones we write: S as a string, I as an Integer, V as null, and so on. */
    private static void assertTypes(Map<String, Object> original, Map<String, Object> written) {
        original.forEach((key, value) -> {
            if (key.equals("compression")) {
                return;
            }
            Object ours = written.get(key);
            if (value instanceof LongString) {
                assertTrue(ours instanceof String, key);
            } else if (value != null) {
                assertEquals(value.getClass(), ours.getClass(), key);
            } else if (!List.of("eta", "expires").contains(key)) {
                assertNull(ours, key);
            }
        });
    }
}
