package io.ovsworkers.core.internal;

import io.ovsworkers.api.AsyncResult;
import io.ovsworkers.api.EnsureSingleTimeoutReached;
import io.ovsworkers.api.NoBrokerException;
import io.ovsworkers.api.TaskArgumentException;
import io.ovsworkers.api.TaskFailedException;
import io.ovsworkers.api.TaskNotFoundException;
import io.ovsworkers.api.TaskOptions;
import io.ovsworkers.api.TaskRef;
import io.ovsworkers.core.internal.single.Caller;
import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.TaskMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A {@link TaskRef}: resolves the task at each call, so the handle survives plugin updates. */
final class TaskHandle implements TaskRef {
    private final String name;
    private final Dispatcher dispatcher;

    TaskHandle(String name, Dispatcher dispatcher) {
        this.name = name;
        this.dispatcher = dispatcher;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Object call(Object... args) {
        return dispatcher.invoker.invoke(definition(), args, null, Caller.inline(null));
    }

    @Override
    public Object call(List<?> args, Map<String, ?> kwargs) {
        return dispatcher.invoker.invoke(definition(), args == null ? null : args.toArray(), kwargs, Caller.inline(null));
    }

    @Override
    public AsyncResult apply(List<?> args, Map<String, ?> kwargs) {
        TaskDefinition definition = definition();
        String id = UUID.randomUUID().toString();
        Object value;
        try {
            value = dispatcher.invoker.invoke(definition, args == null ? null : args.toArray(), kwargs, Caller.inline(id));
        } catch (TaskFailedException failure) {
            return EagerResult.failure(id, failure);
        } catch (EnsureSingleTimeoutReached timeout) {
            return EagerResult.failure(id, TaskFailures.failed(name, timeout));
        }
        try {
            return EagerResult.success(id, Json.toJsonShape(value));
        } catch (IllegalArgumentException notJson) {
            return EagerResult.failure(id, new TaskFailedException(name, "EncodeError", "kombu.exceptions",
                    "the return value of " + definition.method() + " is not representable as JSON: " + notJson.getMessage(), notJson));
        }
    }

    @Override
    public AsyncResult delay(Object... args) {
        return applyAsync(Arrays.asList(args), Map.of(), TaskOptions.defaults());
    }

    @Override
    public AsyncResult applyAsync(List<?> args, Map<String, ?> kwargs, TaskOptions options) {
        Broker broker = dispatcher.broker;
        if (broker == null) {
            throw new NoBrokerException(name);
        }
        String id = options.taskId().orElseGet(() -> UUID.randomUUID().toString());
        String routingKey = options.queue().isPresent() ? options.routingKey().orElse(null)
                : options.routingKey().orElse(Dispatcher.DEFAULT_ROUTING_KEY);
        TaskMessage message = new TaskMessage(id, name, jsonList(args), jsonMap(kwargs), routingKey,
                options.queue().orElse(null), options.eta().orElse(null), options.expires().orElse(null), 0, null, Map.of());
        broker.publish(message);
        WorkerMonitor monitor = dispatcher.monitor;
        if (monitor != null) {
            monitor.sent(message);
        }
        return new BackendResult(id, name, () -> dispatcher.results);
    }

    private TaskDefinition definition() {
        return dispatcher.registry.lookup(name).orElseThrow(() -> new TaskNotFoundException(name));
    }

    @SuppressWarnings("unchecked")
    private List<Object> jsonList(List<?> args) {
        try {
            return args == null ? List.of() : Json.MAPPER.convertValue(args, List.class);
        } catch (IllegalArgumentException e) {
            throw new TaskArgumentException(name, "args", "not representable as JSON: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> jsonMap(Map<String, ?> kwargs) {
        try {
            return kwargs == null ? Map.of() : Json.MAPPER.convertValue(kwargs, Map.class);
        } catch (IllegalArgumentException e) {
            throw new TaskArgumentException(name, "kwargs", "not representable as JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TaskRef[" + name + ", " + dispatcher.describe(name).map(d -> d.bundle() + " " + d.bundleVersion()).orElse("not registered")
                + "]";
    }
}
