package io.ovsworkers.core.internal;

import io.ovsworkers.api.EnsureSingle;
import io.ovsworkers.api.Mode;
import io.ovsworkers.api.OvsTask;
import io.ovsworkers.api.Schedule;
import io.ovsworkers.api.schedule.Crontab;
import io.ovsworkers.api.schedule.InvalidCrontabException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads the {@link OvsTask} methods of a plugin component and validates each declaration. */
final class TaskDeclarations {

    /**
     * One {@code @OvsTask} method: a valid definition, or the reason it was refused.
     *
     * @param name the declared task name
     * @param method the declaring method
     * @param definition the definition, or null when refused
     * @param refusal why the declaration was refused, or null
     */
    record Declaration(String name, Method method, TaskDefinition definition, String refusal) {
        boolean valid() {
            return definition != null;
        }
    }

    private TaskDeclarations() {
    }

    static List<Declaration> read(Object plugin, PluginOrigin origin) {
        List<Declaration> declarations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Method method : annotatedMethods(plugin.getClass())) {
            OvsTask task = method.getAnnotation(OvsTask.class);
            String name = task.name();
            try {
                if (!seen.add(name)) {
                    throw new InvalidTaskDefinition("the same class declares task '" + name + "' twice");
                }
                declarations.add(new Declaration(name, method, define(plugin, method, task, origin), null));
            } catch (InvalidTaskDefinition refused) {
                declarations.add(new Declaration(name, method, null, refused.getMessage()));
            }
        }
        return declarations;
    }

    private static List<Method> annotatedMethods(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        Set<String> signatures = new HashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isAnnotationPresent(OvsTask.class) && signatures.add(method.getName() + Arrays.toString(method.getParameterTypes()))) {
                    methods.add(method);
                }
            }
        }
        methods.sort((a, b) -> a.getName().compareTo(b.getName()));
        return methods;
    }

    private static TaskDefinition define(Object plugin, Method method, OvsTask task, PluginOrigin origin) throws InvalidTaskDefinition {
        String name = task.name();
        if (name.isBlank()) {
            throw new InvalidTaskDefinition("the task name is empty");
        }
        if (!Modifier.isPublic(method.getModifiers()) || !Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
            throw new InvalidTaskDefinition("method " + method.getName() + " and its class must be public");
        }
        if (task.schedule().length > 1) {
            throw new InvalidTaskDefinition("at most one @Schedule is allowed, " + task.schedule().length + " given");
        }
        if (task.ensureSingle().length > 1) {
            throw new InvalidTaskDefinition("at most one @EnsureSingle is allowed, " + task.ensureSingle().length + " given");
        }
        ArgumentBinder binder = new ArgumentBinder(name, method);
        Schedule schedule = task.schedule().length == 1 ? task.schedule()[0] : null;
        Crontab crontab = schedule == null ? null : crontab(schedule);
        EnsureSingle ensureSingle = task.ensureSingle().length == 1 ? task.ensureSingle()[0] : null;
        Method callback = ensureSingle == null ? null : validate(ensureSingle, method, binder);
        Object target = Modifier.isStatic(method.getModifiers()) ? null : plugin;
        String routingKey = schedule == null || schedule.routingKey().isEmpty() ? null : schedule.routingKey();
        return new TaskDefinition(name, target, method, binder, callback, ensureSingle, crontab, routingKey, origin);
    }

    private static Crontab crontab(Schedule schedule) throws InvalidTaskDefinition {
        try {
            return Crontab.of(schedule);
        } catch (InvalidCrontabException e) {
            throw new InvalidTaskDefinition(e.getMessage());
        }
    }

    /** Checks the policy and returns its callback method, or null when it names none. */
    private static Method validate(EnsureSingle policy, Method method, ArgumentBinder binder) throws InvalidTaskDefinition {
        if (policy.extraTaskNames().length > 0 && policy.mode() != Mode.DEFAULT) {
            throw new InvalidTaskDefinition("extraTaskNames " + Arrays.toString(policy.extraTaskNames())
                    + " are allowed in mode DEFAULT only, not in " + policy.mode());
        }
        if (policy.globalTimeout() < 0) {
            throw new InvalidTaskDefinition("globalTimeout must not be negative, got " + policy.globalTimeout());
        }
        for (String ignored : policy.ignoreArguments()) {
            if (!binder.parameterNames().contains(ignored)) {
                throw new InvalidTaskDefinition("ignoreArguments names '" + ignored + "', which is not a parameter of "
                        + method.getName() + binder.parameterNames());
            }
        }
        if (policy.callback().isEmpty()) {
            return null;
        }
        try {
            Method callback = method.getDeclaringClass().getMethod(policy.callback(), method.getParameterTypes());
            if (Modifier.isStatic(callback.getModifiers()) != Modifier.isStatic(method.getModifiers())) {
                throw new NoSuchMethodException();
            }
            return callback;
        } catch (NoSuchMethodException e) {
            throw new InvalidTaskDefinition("callback '" + policy.callback() + "' cannot be resolved: it must be a public "
                    + (Modifier.isStatic(method.getModifiers()) ? "static " : "") + "method " + policy.callback() + "("
                    + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).reduce((a, b) -> a + ", " + b).orElse("")
                    + ") of " + method.getDeclaringClass().getName());
        }
    }
}
