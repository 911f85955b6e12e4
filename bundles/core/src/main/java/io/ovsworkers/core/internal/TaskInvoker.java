package io.ovsworkers.core.internal;

import io.ovsworkers.api.TaskFailedException;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * The one execution path of a task, for inline callers and workers alike: strips the reserved options, binds the
 * arguments and invokes the plugin method.
 */
@Component(service = TaskInvoker.class)
public final class TaskInvoker {
    /** Call options of the original that travel as keyword arguments but never reach the task (D5). */
    static final Set<String> RESERVED_KWARGS = Set.of("ensure_single_timeout", "ensure_single_runtime_hooks");

    /**
     * Runs the task and returns what the method returned.
     *
     * @throws io.ovsworkers.api.TaskArgumentException if the arguments do not fit; the task did not run
     * @throws TaskFailedException if the task threw
     */
    public Object invoke(TaskDefinition task, Object[] args, Map<String, ?> kwargs) {
        Object[] values = task.binder().bind(args, withoutReserved(kwargs));
        try {
            return task.method().invoke(task.plugin(), values);
        } catch (InvocationTargetException e) {
            throw TaskFailures.failed(task.name(), e.getCause());
        } catch (IllegalAccessException e) {
            throw TaskFailures.failed(task.name(), e);
        }
    }

    private static Map<String, ?> withoutReserved(Map<String, ?> kwargs) {
        if (kwargs == null || kwargs.isEmpty() || RESERVED_KWARGS.stream().noneMatch(kwargs::containsKey)) {
            return kwargs;
        }
        Map<String, Object> filtered = new java.util.LinkedHashMap<>(kwargs);
        filtered.keySet().removeAll(RESERVED_KWARGS);
        return filtered;
    }
}
