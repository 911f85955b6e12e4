package io.ovsworkers.core.internal;

import io.ovsworkers.api.NodeInfo;
import io.ovsworkers.api.Tasks;
import io.ovsworkers.core.internal.single.EnsureSingleGate;
import io.ovsworkers.core.internal.single.GateListener;
import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.KeyValueStore;
import io.ovsworkers.spi.ResultBackend;
import io.ovsworkers.spi.Subscription;
import java.time.Duration;
import java.util.List;

/**
 * One runtime of the core outside OSGi, wired by hand as SCR would: registry, ensure-single gate, invoker and
 * dispatcher, and with a broker also workers consuming {@code ovs_generic}. Several share one store as nodes of a
 * cluster do.
 */
final class TestNode implements AutoCloseable {
    final EnsureSingleGate gate;
    final Dispatcher dispatcher = new Dispatcher();
    final WorkerMonitor monitor = new WorkerMonitor();
    private final TaskExecution execution;
    private final Subscription subscription;

    TestNode(String machineId, KeyValueStore store, Broker broker, ResultBackend results, Duration lease, GateListener listener,
             int concurrency, Object... plugins) {
        NodeInfo node = new NodeInfo() {
            @Override
            public String machineId() {
                return machineId;
            }

            @Override
            public boolean master() {
                return true;
            }
        };
        gate = new EnsureSingleGate(node, store, lease, listener);
        gate.start();
        TaskInvoker invoker = new TaskInvoker();
        invoker.gate = gate;
        dispatcher.registry = new TaskRegistry();
        dispatcher.invoker = invoker;
        dispatcher.broker = broker;
        dispatcher.results = results;
        long serviceId = 1;
        for (Object plugin : plugins) {
            dispatcher.registry.add(plugin, new PluginOrigin("test.plugin", "1.0.0", serviceId++));
        }
        dispatcher.monitor = monitor;
        monitor.node = node;
        monitor.registry = dispatcher.registry;
        monitor.broker = broker;
        monitor.results = results;
        monitor.store = store;
        if (broker == null) {
            execution = null;
            subscription = null;
        } else {
            execution = new TaskExecution(dispatcher.registry, invoker, () -> results, () -> broker, () -> machineId,
                    new WorkerPool.Settings(concurrency, 64, List.of(), 30, 5, 0, 0), monitor);
            broker.declareQueue(NodeQueues.GENERIC, "generic.#");
            subscription = broker.subscribe(NodeQueues.GENERIC, 64, execution::accept);
        }
    }

    Tasks tasks() {
        return dispatcher;
    }

    /** Stops as a node does: no more deliveries, running tasks finish (or are interrupted), leases stop being renewed. */
    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
            execution.shutdown(5);
        }
        gate.stop();
    }
}
