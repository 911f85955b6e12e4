package io.ovsworkers.beat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

/** The small JSON objects beat keeps in the key-value store: text fields only, instants as ISO-8601 UTC. */
final class StoredJson {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private StoredJson() {
    }

    /** An object of two text fields, in this order. */
    static byte[] write(String firstField, String firstValue, String secondField, String secondValue) {
        ObjectNode object = JSON.createObjectNode().put(firstField, firstValue).put(secondField, secondValue);
        try {
            return JSON.writeValueAsBytes(object);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + object + " as JSON", e);
        }
    }

    /** The text field of a stored object, or empty when the value is not such an object. */
    static Optional<String> text(byte[] stored, String field) {
        try {
            JsonNode node = JSON.readTree(stored);
            return node != null && node.path(field).isTextual() ? Optional.of(node.get(field).asText())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The instant field of a stored object, or empty when the value is not such an object. */
    static Optional<Instant> instant(byte[] stored, String field) {
        try {
            return text(stored, field).map(Instant::parse);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
