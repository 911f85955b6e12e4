package io.ovsworkers.core.internal;

import io.ovsworkers.api.AsyncResult;
import io.ovsworkers.api.TaskDescription;
import io.ovsworkers.api.TaskRef;
import io.ovsworkers.api.Tasks;
import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.ResultBackend;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@link Tasks} service: resolves task names through the registry and runs them inline through the
 * {@link TaskInvoker}, or sends them through whichever {@link Broker} ranks highest now.
 */
@Component(service = {Tasks.class, Dispatcher.class})
public final class Dispatcher implements Tasks {
    /** The original's default route: onto {@code ovs_generic}. */
    public static final String DEFAULT_ROUTING_KEY = "generic.default";

    @Reference
    TaskRegistry registry;

    @Reference
    TaskInvoker invoker;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile Broker broker;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile ResultBackend results;

    /** Told of every task sent, for Celery's task-sent event. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile WorkerMonitor monitor;

    @Override
    public TaskRef task(String name) {
        return new TaskHandle(name, this);
    }

    @Override
    public Optional<TaskDescription> describe(String name) {
        return registry.lookup(name).map(TaskDefinition::describe);
    }

    @Override
    public List<TaskDescription> list() {
        return registry.all().stream().map(TaskDefinition::describe).toList();
    }

    @Override
    public AsyncResult result(String taskId) {
        return new BackendResult(taskId, "task " + taskId, () -> results);
    }
}
