package io.ovsworkers.celery.internal;

import com.rabbitmq.client.LongString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between AMQP field-table values as amqp-client reads and writes them and JSON-shaped values. */
final class FieldValues {
    private FieldValues() {
    }

    /** An AMQP header table as JSON-shaped values: long strings become strings, small integers stay Integer. */
    static Map<String, Object> fromTable(Map<String, Object> table) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (table != null) {
            table.forEach((key, value) -> json.put(key, fromField(value)));
        }
        return json;
    }

    static Object fromField(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof LongString s) {
            return s.toString();
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof Byte || value instanceof Short) {
            return ((Number) value).intValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Date d) {
            return CeleryTimes.format(d.toInstant());
        }
        if (value instanceof List<?> list) {
            List<Object> json = new ArrayList<>(list.size());
            list.forEach(element -> json.add(fromField(element)));
            return json;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> json = new LinkedHashMap<>();
            map.forEach((key, element) -> json.put(String.valueOf(key), fromField(element)));
            return json;
        }
        return value.toString();
    }

    /**
     * A JSON-shaped value as amqp-client writes it with py-amqp's tags: String as S, Integer as I, a long that fits
     * 32 bits as I (py-amqp reads l too, but Celery never sends it), Boolean as t, null as V, List as A, Map as F.
     */
    static Object toField(String name, Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Double || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Long l) {
            return l == l.intValue() ? Integer.valueOf(l.intValue()) : l;
        }
        if (value instanceof BigInteger b) {
            if (b.bitLength() < 64) {
                return toField(name, b.longValue());
            }
            throw new IllegalArgumentException("Header '" + name + "' holds " + b + ", too large for an AMQP header");
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof List<?> list) {
            List<Object> field = new ArrayList<>(list.size());
            list.forEach(element -> field.add(toField(name, element)));
            return field;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> field = new LinkedHashMap<>();
            map.forEach((key, element) -> field.put(String.valueOf(key), toField(name, element)));
            return field;
        }
        throw new IllegalArgumentException("Header '" + name + "' holds a " + value.getClass().getName()
                + ", which is not a JSON value");
    }
}
