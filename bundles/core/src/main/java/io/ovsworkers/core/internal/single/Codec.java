package io.ovsworkers.core.internal.single;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ovsworkers.spi.BackendException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The registration lists as JSON, written as the original wrote them ({@code ujson.dumps(value, sort_keys=True)}):
 * keys sorted at every level, so that equal content is equal bytes and compare-and-set can compare values.
 */
final class Codec {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() {
    };

    private Codec() {
    }

    /** Canonical JSON of a JSON-shaped value (maps, lists, strings, numbers, booleans, null). */
    static String canonical(Object jsonShaped) {
        try {
            return CANONICAL.writeValueAsString(jsonShaped);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /**
     * The registrations a stored value holds; none for an absent value or an empty list.
     *
     * @throws BackendException naming the key when it holds something else than a list of objects
     */
    @SuppressWarnings("unchecked")
    static List<Registration> read(String key, byte[] value) {
        if (value == null) {
            return List.of();
        }
        List<Object> items;
        try {
            items = CANONICAL.readValue(value, LIST);
        } catch (IOException e) {
            throw new BackendException("Key " + key + " holds no ensure-single registration list: " + e.getMessage(), e);
        }
        List<Registration> registrations = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> fields)) {
                throw new BackendException("Key " + key + " holds a registration that is not a JSON object: " + canonical(item));
            }
            registrations.add(new Registration((Map<String, Object>) fields));
        }
        return registrations;
    }

    /** The value to store, or null to delete the key when no registration is left. */
    static byte[] write(List<Registration> registrations) {
        if (registrations.isEmpty()) {
            return null;
        }
        try {
            return CANONICAL.writeValueAsBytes(registrations.stream().map(Registration::fields).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }
}
