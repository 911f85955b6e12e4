package io.ovsworkers.celery.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.impl.LongStringHelper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The captured Celery messages under vectors/celery (copied from the shared captures), rebuilt as amqp-client would deliver them. */
final class Vectors {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path ROOT = Path.of(System.getProperty("ovs.vectors.celery",
            Path.of("../../vectors/celery").toAbsolutePath().normalize().toString()));

    /** One captured message. */
    record Vector(String name, String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body,
                  JsonNode raw) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Vectors() {
    }

    /** Every task message Celery published: both protocols, beat, and a retry's republished copy. */
    static List<Vector> taskMessages() {
        List<Vector> all = new ArrayList<>();
        for (String dir : List.of("tasks_v2", "tasks_v1", "beat")) {
            all.addAll(in(dir, "*.json"));
        }
        all.addAll(in("results_rpc", "task_retry_republished_*.json"));
        all.addAll(in("results_rpc_threads", "task_retry_republished_*.json"));
        return all;
    }

    /** Every rpc:// result message a Python worker published. */
    static List<Vector> rpcResults() {
        List<Vector> all = new ArrayList<>(in("results_rpc", "result_rpc_*.json"));
        all.addAll(in("results_rpc_threads", "result_rpc_*.json"));
        return all;
    }

    static List<Vector> in(String dir, String glob) {
        List<Vector> vectors = new ArrayList<>();
        try (var files = Files.newDirectoryStream(ROOT.resolve(dir), glob)) {
            for (Path file : files) {
                vectors.add(load(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        vectors.sort((a, b) -> a.name().compareTo(b.name()));
        return vectors;
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Vector load(Path file) {
        JsonNode raw = read(file);
        JsonNode props = raw.get("properties");
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType(text(props, "content_type"))
                .contentEncoding(text(props, "content_encoding"))
                .deliveryMode(props.has("delivery_mode") ? props.get("delivery_mode").asInt() : null)
                .priority(props.has("priority") ? props.get("priority").asInt() : null)
                .correlationId(text(props, "correlation_id"))
                .replyTo(text(props, "reply_to"))
                .expiration(text(props, "expiration"))
                .headers(table(raw.get("headers"), raw.get("header_amqp_types")))
                .build();
        JsonNode delivery = raw.get("delivery_info");
        return new Vector(file.getParent().getFileName() + "/" + file.getFileName(), delivery.get("exchange").asText(),
                delivery.get("routing_key").asText(), properties,
                Base64.getDecoder().decode(raw.get("body_base64").asText()), raw);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Map<String, Object> table(JsonNode headers, JsonNode types) {
        Map<String, Object> table = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            table.put(e.getKey(), field(e.getValue(), types.get(e.getKey())));
        }
        return table;
    }

    /** A header value with the Java type amqp-client reads for its AMQP tag. */
    private static Object field(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                list.add(field(value.get(i), type.get(i)));
            }
            return list;
        }
        return switch (type.asText()) {
            case "S" -> longString(value.asText());
            case "I" -> value.asInt();
            case "L", "l" -> value.asLong();
            case "t" -> value.asBoolean();
            case "d" -> value.asDouble();
            case "V" -> null;
            case "F" -> JSON.convertValue(value, Map.class);
            default -> throw new IllegalArgumentException("AMQP tag " + type + " not handled by the vector loader");
        };
    }

    private static LongString longString(String text) {
        return LongStringHelper.asLongString(text);
    }
}
