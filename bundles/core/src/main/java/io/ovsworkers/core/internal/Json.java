package io.ovsworkers.core.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the core: no default typing, and no silent coercions (a float is not an int, a string is
 * not a number), because a task must get what its caller meant or a clear error.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .build();

    private Json() {
    }

    /**
     * The value as a JSON reader would see it after the wire: maps, lists, strings, the smallest fitting number type,
     * booleans, null. This is what a remote caller gets, so inline results are given the same shape.
     *
     * @throws IllegalArgumentException if the value cannot be written as JSON
     */
    public static Object toJsonShape(Object value) {
        try {
            return MAPPER.readValue(MAPPER.writeValueAsBytes(value), Object.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
