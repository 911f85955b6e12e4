package io.ovsworkers.core.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Typed, validated reads of a configuration dictionary. ConfigAdmin hands values over as the file wrote them
 * (a {@code .cfg} gives strings), and DS's own conversion turns "abc" into 0 for an int without a word, so the
 * components validate what they were given and refuse it by PID and key instead.
 */
public final class ConfigurationValues {
    private final String pid;
    private final Map<String, ?> properties;

    public ConfigurationValues(String pid, Map<String, ?> properties) {
        this.pid = pid;
        this.properties = properties;
    }

    public int integer(String key, int defaultValue, int min, int max) throws InvalidConfiguration {
        Object value = properties.get(key);
        if (value == null) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = value instanceof Number number && number.longValue() == number.doubleValue() && Math.abs(number.longValue()) <= Integer.MAX_VALUE
                    ? number.intValue() : Integer.parseInt(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfiguration(pid, key, value, "an integer");
        }
        if (parsed < min || parsed > max) {
            throw new InvalidConfiguration(pid, key, value, "an integer from " + min + " to " + max);
        }
        return parsed;
    }

    boolean bool(String key, boolean defaultValue) throws InvalidConfiguration {
        Object value = properties.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = String.valueOf(value).trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new InvalidConfiguration(pid, key, value, "true or false");
    }

    String string(String key, String defaultValue, Pattern allowed, String expectation) throws InvalidConfiguration {
        Object value = properties.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            return defaultValue;
        }
        String text = String.valueOf(value).trim();
        if (!allowed.matcher(text).matches()) {
            throw new InvalidConfiguration(pid, key, value, expectation);
        }
        return text;
    }

    List<String> strings(String key, Pattern allowed, String expectation) throws InvalidConfiguration {
        Object value = properties.get(key);
        List<String> items;
        if (value == null) {
            return List.of();
        } else if (value instanceof String[] array) {
            items = Arrays.asList(array);
        } else if (value instanceof Collection<?> collection) {
            items = collection.stream().map(String::valueOf).toList();
        } else {
            items = Arrays.asList(String.valueOf(value).split(","));
        }
        List<String> trimmed = items.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String item : trimmed) {
            if (!allowed.matcher(item).matches()) {
                throw new InvalidConfiguration(pid, key, value, expectation);
            }
        }
        return trimmed;
    }

    /** A configuration value that was refused. */
    public static final class InvalidConfiguration extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidConfiguration(String pid, String key, Object value, String expectation) {
            super("Refused configuration " + pid + ": key '" + key + "' = '" + value + "' must be " + expectation, null, false, false);
        }
    }
}
