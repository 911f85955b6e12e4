package io.ovsworkers.examples;

import io.ovsworkers.api.OvsTask;
import io.ovsworkers.api.Retry;
import io.ovsworkers.api.TaskPlugin;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;

/** Small tasks to try the platform with: from the shell, from Java, or from a Python Celery client. */
@Component(service = ExampleTasks.class)
@TaskPlugin
public class ExampleTasks {
    private final Map<String, Integer> runsByKey = new ConcurrentHashMap<>();

    /** Returns its argument, whatever JSON it is. */
    @OvsTask(name = "ovs.examples.echo")
    public Object echo(Object value) {
        return value;
    }

    @OvsTask(name = "ovs.examples.add")
    public long add(long a, long b) {
        return Math.addExact(a, b);
    }

    /** Greets by name; the greeting is optional, so {@code greet("ops")} and {@code greet(name="ops", greeting="hi")} both work. */
    @OvsTask(name = "ovs.examples.greet")
    public Map<String, String> greet(String name, Optional<String> greeting) {
        return Map.of("message", greeting.orElse("Hello") + ", " + name);
    }

    /** Takes its time: a stand-in for long work, to watch workers, time limits and hot reload. */
    @OvsTask(name = "ovs.examples.sleep")
    public double sleep(double seconds) throws InterruptedException {
        Thread.sleep(Math.round(seconds * 1000));
        return seconds;
    }

    /**
     * Asks for a retry a tenth of a second later until it has run {@code runs} times for this key, then returns the
     * count; Celery's default of 3 retries applies, so {@code runs} above 4 ends in MaxRetriesExceededError.
     */
    @OvsTask(name = "ovs.examples.retry_until")
    public int retryUntil(String key, int runs) {
        int run = runsByKey.merge(key, 1, Integer::sum);
        if (run < runs) {
            throw new Retry(Duration.ofMillis(100), Retry.DEFAULT_MAX_RETRIES, null);
        }
        runsByKey.remove(key);
        return run;
    }

    /** Always fails, to see how failures travel. */
    @OvsTask(name = "ovs.examples.fail")
    public void fail(String message) {
        throw new IllegalStateException(message);
    }
}
