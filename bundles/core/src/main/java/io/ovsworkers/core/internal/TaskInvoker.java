package io.ovsworkers.core.internal;

import io.ovsworkers.api.EnsureSingle;
import io.ovsworkers.api.TaskArgumentException;
import io.ovsworkers.api.TaskFailedException;
import io.ovsworkers.core.internal.single.Caller;
import io.ovsworkers.core.internal.single.EnsureSingleGate;
import io.ovsworkers.core.internal.single.GuardedCall;
import io.ovsworkers.core.internal.single.RuntimeHooks;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The one execution path of a task, for inline callers and workers alike: strips the reserved options, binds the
 * arguments, passes the call through the ensure-single gate when the task has a policy, and invokes the plugin method.
 */
@Component(service = TaskInvoker.class)
public final class TaskInvoker {
    static final String TIMEOUT_OPTION = "ensure_single_timeout";
    static final String HOOKS_OPTION = "ensure_single_runtime_hooks";
    /** Call options of the original that travel as keyword arguments but never reach the task (D5). */
    static final Set<String> RESERVED_KWARGS = Set.of(TIMEOUT_OPTION, HOOKS_OPTION);

    @Reference
    EnsureSingleGate gate;

    /**
     * Runs the task and returns what the method returned, or what its policy decided: the callback's value, or null
     * for a call that did not run (a discarded duplicate, or one whose waiting duplicate finished).
     *
     * @param caller an inline caller or a worker; decides how the policy treats a duplicate
     * @throws TaskArgumentException if the arguments do not fit; the task did not run
     * @throws TaskFailedException if the task (or its callback) threw
     * @throws io.ovsworkers.api.EnsureSingleTimeoutReached if the call could not start within its timeout
     * @throws io.ovsworkers.spi.BackendException if the task has a policy and no key-value store serves it
     */
    public Object invoke(TaskDefinition task, Object[] args, Map<String, ?> kwargs, Caller caller) {
        Map<String, ?> plain = withoutReserved(kwargs);
        Object[] values = task.binder().bind(args, plain);
        EnsureSingle policy = task.ensureSingle();
        if (policy == null) {
            return call(task, task.method(), values);
        }
        GuardedCall guarded = new GuardedCall(task.name(), policy, task.binder().parameterNames(), args, plain,
                timeout(task, kwargs), hooks(task, kwargs), caller);
        Method callback = task.callback();
        return gate.run(guarded, () -> call(task, task.method(), values), callback == null ? null : () -> call(task, callback, values));
    }

    private static Object call(TaskDefinition task, Method method, Object[] values) {
        Optional<RunningTask> running = RunningTask.onThisThread();
        running.ifPresent(RunningTask::enterPluginCode);
        try {
            return method.invoke(task.plugin(), values);
        } catch (InvocationTargetException e) {
            throw TaskFailures.failed(task.name(), e.getCause());
        } catch (IllegalAccessException e) {
            throw TaskFailures.failed(task.name(), e);
        } finally {
            running.ifPresent(RunningTask::leavePluginCode);
        }
    }

    /** The caller's {@code ensure_single_timeout} in seconds, or null when not given. */
    private static Number timeout(TaskDefinition task, Map<String, ?> kwargs) {
        Object value = kwargs == null ? null : kwargs.get(TIMEOUT_OPTION);
        if (value == null) {
            return null;
        }
        if (value instanceof Number seconds && Double.isFinite(seconds.doubleValue()) && seconds.doubleValue() >= 0) {
            return seconds;
        }
        throw new TaskArgumentException(task.name(), TIMEOUT_OPTION, "must be a number of seconds, 0 or more; got " + value);
    }

    private static RuntimeHooks hooks(TaskDefinition task, Map<String, ?> kwargs) {
        try {
            return RuntimeHooks.of(kwargs == null ? null : kwargs.get(HOOKS_OPTION));
        } catch (IllegalArgumentException e) {
            throw new TaskArgumentException(task.name(), HOOKS_OPTION, e.getMessage());
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
