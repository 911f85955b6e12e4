package io.ovsworkers.beat.internal;

import io.ovsworkers.api.AsyncResult;
import io.ovsworkers.api.TaskDescription;
import io.ovsworkers.api.TaskOptions;
import io.ovsworkers.api.TaskRef;
import io.ovsworkers.api.Tasks;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test double of the core's {@link Tasks} service: a fixed list of registered tasks, and {@code applyAsync}
 * records what beat sends instead of dispatching it. Beat only lists tasks and sends them; the dispatch path is the
 * core's and is tested there.
 */
final class RecordingTasks implements Tasks {

    /** One {@code applyAsync}, at the instant of the beat's clock. */
    record Sent(String task, List<?> args, Map<?, ?> kwargs, Optional<String> routingKey, Instant at) {
    }

    private final List<TaskDescription> registered;
    private final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    private final Clock clock;

    RecordingTasks(Clock clock, List<TaskDescription> registered) {
        this.clock = clock;
        this.registered = List.copyOf(registered);
    }

    /** The next task sent, waiting up to {@code seconds} for it; null when none came. */
    Sent nextSent(long seconds) throws InterruptedException {
        return sent.poll(seconds, TimeUnit.SECONDS);
    }

    @Override
    public TaskRef task(String name) {
        return (TaskRef) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TaskRef.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "name" -> name;
                    case "applyAsync" -> send(name, (List<?>) arguments[0], (Map<?, ?>) arguments[1],
                            (TaskOptions) arguments[2]);
                    default -> throw new UnsupportedOperationException("beat does not call " + method.getName());
                });
    }

    private AsyncResult send(String name, List<?> args, Map<?, ?> kwargs, TaskOptions options) {
        sent.add(new Sent(name, args, kwargs, options.routingKey(), clock.instant()));
        String id = UUID.randomUUID().toString();
        return (AsyncResult) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AsyncResult.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("id")) {
                        return id;
                    }
                    throw new UnsupportedOperationException("beat does not call " + method.getName());
                });
    }

    @Override
    public Optional<TaskDescription> describe(String name) {
        return registered.stream().filter(task -> task.name().equals(name)).findFirst();
    }

    @Override
    public List<TaskDescription> list() {
        return List.copyOf(registered);
    }

    @Override
    public AsyncResult result(String taskId) {
        throw new UnsupportedOperationException("beat does not read results");
    }
}
