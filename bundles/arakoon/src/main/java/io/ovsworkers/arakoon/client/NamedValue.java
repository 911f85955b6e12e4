package io.ovsworkers.arakoon.client;

import java.util.List;
import java.util.Optional;

/**
 * A node of the STATISTICS tree. {@code value} is an {@link Integer}, {@link Long}, {@link Double}, {@link String} or,
 * for a list node, a {@code List<NamedValue>} of children in order.
 */
public record NamedValue(String name, Object value) {
    public NamedValue {
        value = value instanceof List<?> list ? List.copyOf(list) : value;
    }

    /** The children of a list node, or an empty list for a leaf. */
    public List<NamedValue> children() {
        if (value instanceof List<?> list) {
            return list.stream().map(NamedValue.class::cast).toList();
        }
        return List.of();
    }

    /** The direct child of that name. */
    public Optional<NamedValue> child(String childName) {
        return children().stream().filter(c -> c.name.equals(childName)).findFirst();
    }
}
