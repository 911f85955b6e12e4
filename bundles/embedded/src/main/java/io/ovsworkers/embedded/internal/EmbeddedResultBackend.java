package io.ovsworkers.embedded.internal;

import io.ovsworkers.spi.ResultBackend;
import io.ovsworkers.spi.TaskResult;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.propertytypes.ServiceRanking;

/**
 * {@link ResultBackend} on the {@link EmbeddedStore}: each result is Celery's result meta as JSON under
 * {@code ovs_tasks_celery-task-meta-<id>}, where Open vStorage keeps it in Arakoon. Every result of this node
 * passes through {@link #store}, which wakes the callers waiting for it.
 */
@Component(service = ResultBackend.class, immediate = true)
@ServiceRanking(EmbeddedStore.RANKING)
public final class EmbeddedResultBackend implements ResultBackend {

    private final ResultWaiters waiters = new ResultWaiters();

    @Reference
    private EmbeddedStore store;

    public EmbeddedResultBackend() {
    }

    EmbeddedResultBackend(EmbeddedStore store) {
        this.store = store;
    }

    @Deactivate
    void deactivate() {
        waiters.wakeAll();
    }

    @Override
    public void store(TaskResult result) {
        store.set(CeleryResultMeta.key(result.taskId()), CeleryResultMeta.encode(result));
        waiters.wake(result.taskId());
    }

    @Override
    public Optional<TaskResult> get(String taskId) {
        return store.get(CeleryResultMeta.key(taskId)).map(meta -> CeleryResultMeta.decode(taskId, meta));
    }

    @Override
    public TaskResult await(String taskId, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            CountDownLatch stored = waiters.register(taskId);
            try {
                Optional<TaskResult> known = get(taskId);
                long remaining = end - System.nanoTime();
                if (remaining <= 0 || known.map(result -> result.state().ready()).orElse(false)) {
                    return known.orElseGet(() -> TaskResult.pending(taskId));
                }
                stored.await(remaining, TimeUnit.NANOSECONDS);
            } finally {
                waiters.unregister(taskId, stored);
            }
        }
    }

    @Override
    public void forget(String taskId) {
        store.delete(CeleryResultMeta.key(taskId));
    }
}
