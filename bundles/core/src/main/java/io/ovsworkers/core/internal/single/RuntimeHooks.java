package io.ovsworkers.core.internal.single;

import java.util.Map;
import java.util.Set;

/**
 * The original's {@code ensure_single_runtime_hooks}: actions an inline Java caller (a test, typically) has run at
 * the points of the gate, by name ({@code before_validation}, {@code after_validation}, {@code before_execution},
 * {@code after_execution}, {@code before_callback}, {@code after_callback}, {@code before_discard},
 * {@code after_discard}). Only {@link Runnable} values are actions; a value that arrived as JSON cannot be one.
 */
public final class RuntimeHooks {
    static final Set<String> POINTS = Set.of("before_validation", "after_validation", "before_execution", "after_execution",
            "before_callback", "after_callback", "before_discard", "after_discard");
    public static final RuntimeHooks NONE = new RuntimeHooks(Map.of());

    private final Map<?, ?> actions;

    private RuntimeHooks(Map<?, ?> actions) {
        this.actions = actions;
    }

    /**
     * The hooks given as the reserved option's value.
     *
     * @throws IllegalArgumentException naming the option when it is not a map of known hook points
     */
    public static RuntimeHooks of(Object option) {
        if (option == null) {
            return NONE;
        }
        if (!(option instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("must be a map of hook point to action, got " + option.getClass().getSimpleName());
        }
        for (Object point : map.keySet()) {
            if (!POINTS.contains(String.valueOf(point))) {
                throw new IllegalArgumentException("unknown hook point '" + point + "'; the points are " + POINTS);
            }
        }
        return new RuntimeHooks(map);
    }

    void fire(String point) {
        if (actions.get(point) instanceof Runnable action) {
            action.run();
        }
    }
}
