package io.ovsworkers.celery.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.rabbitmq.client.AMQP;
import io.ovsworkers.spi.TaskMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Celery's task message protocol: writes version 2 and reads versions 2 and 1, JSON only.
 *
 * <p>{@link TaskMessage#headers()} keeps every Celery header that has no field of its own (lang, shadow, group,
 * group_index, timelimit, root_id, parent_id, argsrepr, kwargsrepr, origin, ignore_result, and any unknown one),
 * the body's embedded canvas ({@link #EMBED_KEYS}: callbacks, errbacks, chain, chord) when not null, and the AMQP
 * priority under {@link #PRIORITY_HEADER}; so a decoded message encodes back to the same Celery message.
 */
public final class CeleryCodec {
    public static final String CONTENT_TYPE = "application/json";
    public static final String CONTENT_ENCODING = "utf-8";
    /** Where a decoded message keeps its AMQP priority property; never written as an AMQP header. */
    public static final String PRIORITY_HEADER = "amqp.priority";
    /** The keys of protocol 2's third body element; decoded into the headers, encoded back into the body. */
    public static final List<String> EMBED_KEYS = List.of("callbacks", "errbacks", "chain", "chord");

    private static final int PERSISTENT = 2;
    private static final int REPR_LIMIT = 1024;
    private static final Set<String> OWN_FIELDS = Set.of("task", "id", "eta", "expires", "retries");
    private static final Set<String> V1_IGNORED = Set.of("args", "kwargs", "utc", "taskset");
    private static final Set<String> ZLIB_COMPRESSION = Set.of("application/x-gzip", "zlib");

    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();
    private final String exchange;
    private final String origin;
    private final int maxBodyBytes;

    /**
     * @param exchange the task exchange messages are published to when they name no queue
     * @param origin the sender's node name written in the {@code origin} header, {@code name@host}
     * @param maxBodyBytes bodies larger than this (compressed or not) are refused
     */
    public CeleryCodec(String exchange, String origin, int maxBodyBytes) {
        this.exchange = exchange;
        this.origin = origin;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Writes the message in protocol 2, as Celery 5.2's {@code apply_async} does. */
    public AmqpMessage encode(TaskMessage message) {
        Map<String, Object> extra = message.headers();
        Map<String, Object> headers = new LinkedHashMap<>();
        // Python workers ignore lang, and tools reading events and inspect output expect Celery's own value
        headers.put("lang", extra.getOrDefault("lang", "py"));
        headers.put("task", message.task());
        headers.put("id", message.id());
        headers.put("shadow", extra.get("shadow"));
        headers.put("eta", message.eta() == null ? null : CeleryTimes.format(message.eta()));
        headers.put("expires", message.expires() == null ? null : CeleryTimes.format(message.expires()));
        headers.put("group", extra.get("group"));
        headers.put("group_index", extra.get("group_index"));
        headers.put("retries", message.retries());
        headers.put("timelimit", extra.getOrDefault("timelimit", Arrays.asList(null, null)));
        headers.put("root_id", extra.getOrDefault("root_id", message.id()));
        headers.put("parent_id", extra.get("parent_id"));
        headers.put("argsrepr", extra.getOrDefault("argsrepr", repr(message.args())));
        headers.put("kwargsrepr", extra.getOrDefault("kwargsrepr", repr(message.kwargs())));
        headers.put("origin", extra.getOrDefault("origin", origin));
        headers.put("ignore_result", extra.getOrDefault("ignore_result", false));
        Map<String, Object> embed = new LinkedHashMap<>();
        for (String key : EMBED_KEYS) {
            embed.put(key, extra.get(key));
        }
        extra.forEach((key, value) -> {
            if (!headers.containsKey(key) && !embed.containsKey(key) && !PRIORITY_HEADER.equals(key)) {
                headers.put(key, value);
            }
        });
        Map<String, Object> table = new LinkedHashMap<>();
        headers.forEach((key, value) -> table.put(key, FieldValues.toField(key, value)));

        AMQP.BasicProperties.Builder properties = new AMQP.BasicProperties.Builder()
                .contentType(CONTENT_TYPE)
                .contentEncoding(CONTENT_ENCODING)
                .deliveryMode(PERSISTENT)
                .priority(extra.get(PRIORITY_HEADER) instanceof Number n ? n.intValue() : 0)
                .correlationId(message.id())
                .replyTo(message.replyTo())
                .headers(table);
        if (message.expires() != null) {
            // kombu turns expires into a per-message TTL too, so RabbitMQ drops a task nobody took in time
            long ttl = Math.max(0, message.expires().toEpochMilli() - Instant.now().toEpochMilli());
            properties.expiration(Long.toString(ttl));
        }
        byte[] body = write(List.of(message.args(), message.kwargs(), embed));
        return message.queue() != null
                ? new AmqpMessage("", message.queue(), properties.build(), body)
                : new AmqpMessage(exchange, message.routingKey(), properties.build(), body);
    }

    /**
     * Reads a delivered message.
     *
     * @param deliveryExchange the exchange it was published to; {@code ""} means it was sent to a queue by name
     * @param deliveryRoutingKey the routing key it was published with
     * @throws UndecodableMessageException when it is not JSON, not valid JSON, or not shaped as a task message
     */
    public TaskMessage decode(String deliveryExchange, String deliveryRoutingKey, AMQP.BasicProperties properties,
                              byte[] body) throws UndecodableMessageException {
        String contentType = properties.getContentType();
        if (contentType == null) {
            throw new UndecodableMessageException("message has no content type; only " + CONTENT_TYPE + " is accepted");
        }
        if (!CONTENT_TYPE.equalsIgnoreCase(contentType.trim())) {
            throw new UndecodableMessageException("content type '" + contentType + "' is not accepted; only "
                    + CONTENT_TYPE + " is");
        }
        String encoding = properties.getContentEncoding();
        if (encoding != null && !encoding.equalsIgnoreCase("utf-8") && !encoding.equalsIgnoreCase("utf8")) {
            throw new UndecodableMessageException("content encoding '" + encoding + "' is not accepted; only utf-8 is");
        }
        Map<String, Object> headers = FieldValues.fromTable(properties.getHeaders());
        Object parsed = read(uncompressed(headers, body));
        boolean protocol1 = !headers.containsKey("task") && parsed instanceof Map<?, ?> map && map.containsKey("task");
        TaskParts parts = protocol1 ? fromProtocol1(headers, asObject(parsed)) : fromProtocol2(headers, parsed);
        if (properties.getPriority() != null) {
            parts.headers.put(PRIORITY_HEADER, properties.getPriority());
        }
        boolean toQueue = deliveryExchange == null || deliveryExchange.isEmpty();
        try {
            return new TaskMessage(parts.id, parts.task, parts.args, parts.kwargs, toQueue ? null : deliveryRoutingKey,
                    toQueue ? deliveryRoutingKey : null, parts.eta, parts.expires, parts.retries,
                    properties.getReplyTo(), parts.headers);
        } catch (IllegalArgumentException e) {
            throw new UndecodableMessageException(e.getMessage(), e);
        }
    }

    private static TaskParts fromProtocol2(Map<String, Object> headers, Object parsed) throws UndecodableMessageException {
        if (!(parsed instanceof List<?> body) || body.size() != 3) {
            throw new UndecodableMessageException("protocol 2 body must be a JSON array [args, kwargs, embed], got "
                    + describe(parsed));
        }
        TaskParts parts = new TaskParts();
        parts.task = requiredString(headers, "task", "header");
        parts.id = requiredString(headers, "id", "header");
        parts.args = asArgs(body.get(0));
        parts.kwargs = asKwargs(body.get(1));
        Object embed = body.get(2);
        if (embed != null && !(embed instanceof Map)) {
            throw new UndecodableMessageException("protocol 2 body's third element (embed) must be a JSON object or null, got "
                    + describe(embed));
        }
        parts.eta = instant(headers, "eta");
        parts.expires = instant(headers, "expires");
        parts.retries = retries(headers.get("retries"));
        headers.forEach((key, value) -> {
            if (!OWN_FIELDS.contains(key)) {
                parts.headers.put(key, value);
            }
        });
        if (embed != null) {
            asObject(embed).forEach((key, value) -> {
                if (value != null && EMBED_KEYS.contains(key)) {
                    parts.headers.put(key, value);
                }
            });
        }
        return parts;
    }

    /** As Celery's {@code hybrid_to_proto2}: the body carries everything, message headers add to it. */
    private static TaskParts fromProtocol1(Map<String, Object> headers, Map<String, Object> body)
            throws UndecodableMessageException {
        Map<String, Object> merged = new LinkedHashMap<>(body);
        merged.putAll(headers);
        TaskParts parts = new TaskParts();
        parts.task = requiredString(merged, "task", "protocol 1 field");
        parts.id = requiredString(merged, "id", "protocol 1 field");
        parts.args = asArgs(body.getOrDefault("args", List.of()));
        parts.kwargs = asKwargs(body.getOrDefault("kwargs", Map.of()));
        parts.eta = instant(merged, "eta");
        parts.expires = instant(merged, "expires");
        parts.retries = retries(merged.get("retries"));
        merged.forEach((key, value) -> {
            boolean nullEmbed = value == null && EMBED_KEYS.contains(key);
            if (!OWN_FIELDS.contains(key) && !V1_IGNORED.contains(key) && !nullEmbed) {
                parts.headers.put(key, value);
            }
        });
        return parts;
    }

    private byte[] uncompressed(Map<String, Object> headers, byte[] body) throws UndecodableMessageException {
        checkSize(body.length);
        Object compression = headers.remove("compression");
        if (compression == null) {
            return body;
        }
        if (!ZLIB_COMPRESSION.contains(compression)) {
            throw new UndecodableMessageException("compression '" + compression + "' is not supported; only zlib is");
        }
        Inflater inflater = new Inflater();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            inflater.setInput(body);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new UndecodableMessageException("zlib-compressed body is truncated");
                }
                out.write(buffer, 0, n);
                checkSize(out.size());
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new UndecodableMessageException("zlib-compressed body is corrupt: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            inflater.end();
        }
    }

    private void checkSize(int bytes) throws UndecodableMessageException {
        if (bytes > maxBodyBytes) {
            throw new UndecodableMessageException("body of more than " + maxBodyBytes + " bytes is refused");
        }
    }

    private Object read(byte[] body) throws UndecodableMessageException {
        try {
            return json.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            throw new UndecodableMessageException("body is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Task message holds a value that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private String repr(Object value) {
        String text = new String(write(value), StandardCharsets.UTF_8);
        return text.length() <= REPR_LIMIT ? text : text.substring(0, REPR_LIMIT - 3) + "...";
    }

    private static String requiredString(Map<String, Object> fields, String name, String kind)
            throws UndecodableMessageException {
        if (fields.get(name) instanceof String value && !value.isEmpty()) {
            return value;
        }
        throw new UndecodableMessageException(kind + " '" + name + "' must be a non-empty string, got "
                + describe(fields.get(name)));
    }

    private static Instant instant(Map<String, Object> fields, String name) throws UndecodableMessageException {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            try {
                return CeleryTimes.parse(text);
            } catch (DateTimeParseException e) {
                throw new UndecodableMessageException("'" + name + "' value '" + text + "' is not an ISO-8601 date-time", e);
            }
        }
        throw new UndecodableMessageException("'" + name + "' must be an ISO-8601 string or null, got " + describe(value));
    }

    private static int retries(Object value) throws UndecodableMessageException {
        if (value == null) {
            return 0;
        }
        if (value instanceof Integer n && n >= 0) {
            return n;
        }
        throw new UndecodableMessageException("'retries' must be a non-negative integer, got " + describe(value));
    }

    private static List<Object> asArgs(Object value) throws UndecodableMessageException {
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        throw new UndecodableMessageException("args must be a JSON array, got " + describe(value));
    }

    private static Map<String, Object> asKwargs(Object value) throws UndecodableMessageException {
        if (value instanceof Map) {
            return asObject(value);
        }
        throw new UndecodableMessageException("kwargs must be a JSON object, got " + describe(value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object value) {
        return (Map<String, Object>) value;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List<?> list) {
            return "an array of " + list.size();
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof String) {
            return "a string";
        }
        return value instanceof Boolean ? "a boolean" : "the number " + value;
    }

    /** What a message decodes to, gathered before the record is built. */
    private static final class TaskParts {
        final Map<String, Object> headers = new LinkedHashMap<>();
        String id;
        String task;
        List<Object> args;
        Map<String, Object> kwargs;
        Instant eta;
        Instant expires;
        int retries;
    }
}
