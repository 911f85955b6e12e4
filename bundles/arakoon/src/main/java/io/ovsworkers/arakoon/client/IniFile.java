package io.ovsworkers.arakoon.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Arakoon's cluster {@code .ini} format: {@code [section]} headers and {@code key = value} lines; a line is a comment
 * only when it starts with {@code #}; strings end at the first blank, lists split on commas and blanks, integers
 * follow OCaml's {@code %i} ({@code 0x}, {@code 0o}, {@code 0b} prefixes).
 */
final class IniFile {
    private final Path path;
    private final Map<String, Map<String, String>> sections;

    private IniFile(Path path, Map<String, Map<String, String>> sections) {
        this.path = path;
        this.sections = sections;
    }

    static ArakoonClusterConfig.Builder read(Path path) throws IOException {
        return parse(path, Files.readAllLines(path, StandardCharsets.UTF_8)).toConfig();
    }

    static IniFile parse(Path path, List<String> lines) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        int lineNumber = 0;
        for (String raw : lines) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw new IllegalArgumentException(path + " line " + lineNumber + ": section header lacks ']'");
                }
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1).strip(),
                        s -> new HashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || current == null) {
                throw new IllegalArgumentException(path + " line " + lineNumber
                        + ": expected 'key = value' inside a section, got '" + line + "'");
            }
            current.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return new IniFile(path, sections);
    }

    private String required(String section, String key) {
        Map<String, String> values = sections.get(section);
        if (values == null) {
            throw new IllegalArgumentException(path + ": section [" + section + "] is missing");
        }
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(path + ": [" + section + "] " + key + " is missing");
        }
        return value;
    }

    private String optional(String section, String key) {
        return sections.getOrDefault(section, Map.of()).get(key);
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    private static String string(String value) {
        return value.split("\\s+", 2)[0];
    }

    private int integer(String section, String key, String value) {
        String text = string(value);
        boolean negative = text.startsWith("-");
        String digits = negative || text.startsWith("+") ? text.substring(1) : text;
        int radix = 10;
        String lower = digits.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("0x")) {
            radix = 16;
        } else if (lower.startsWith("0o")) {
            radix = 8;
        } else if (lower.startsWith("0b")) {
            radix = 2;
        }
        try {
            int parsed = Integer.parseInt(radix == 10 ? digits : digits.substring(2), radix);
            return negative ? -parsed : parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(path + ": [" + section + "] " + key + " = '" + value
                    + "' is not an integer");
        }
    }

    ArakoonClusterConfig.Builder toConfig() {
        String clusterId = string(required("global", "cluster_id"));
        if ("true".equals(optional("global", "tls_service"))) {
            throw new IllegalArgumentException(path + ": [global] tls_service = true, but this client supports"
                    + " plain TCP only");
        }
        List<ArakoonNode> nodes = new ArrayList<>();
        for (String name : list(required("global", "cluster"))) {
            List<String> ips = list(required(name, "ip"));
            int port = integer(name, "client_port", required(name, "client_port"));
            try {
                nodes.add(new ArakoonNode(name, ips, port));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ": [" + name + "] " + e.getMessage(), e);
            }
        }
        ArakoonClusterConfig.Builder builder = ArakoonClusterConfig.builder(clusterId, nodes);
        String maxValue = optional("global", "__tainted_max_value_size");
        if (maxValue != null) {
            builder.maxValueSize(integer("global", "__tainted_max_value_size", maxValue));
        }
        String maxBuffer = optional("global", "__tainted_max_buffer_size");
        if (maxBuffer != null) {
            builder.maxBufferSize(integer("global", "__tainted_max_buffer_size", maxBuffer));
        }
        return builder;
    }
}
