package io.ovsworkers.core.internal.single;

import io.ovsworkers.api.EnsureSingle;
import java.util.List;
import java.util.Map;

/**
 * One call of a task that has an ensure-single policy.
 *
 * @param taskName the task
 * @param policy its policy
 * @param parameterNames the method's parameter names, which name the positional arguments
 * @param args positional arguments as given
 * @param kwargs keyword arguments as given, without the reserved options
 * @param timeout the caller's {@code ensure_single_timeout} in seconds, or null for the policy's
 * @param hooks the caller's {@code ensure_single_runtime_hooks}
 * @param caller who runs it
 */
public record GuardedCall(String taskName, EnsureSingle policy, List<String> parameterNames, Object[] args,
                          Map<String, ?> kwargs, Number timeout, RuntimeHooks hooks, Caller caller) {
}
