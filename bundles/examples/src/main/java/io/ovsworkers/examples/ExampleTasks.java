package io.ovsworkers.examples;

import io.ovsworkers.api.OvsTask;
import io.ovsworkers.api.TaskPlugin;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/** Small tasks to try the platform with: from the shell, from Java, or from a Python Celery client. */
@Component(service = ExampleTasks.class)
@TaskPlugin
public class ExampleTasks {

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

    /** Always fails, to see how failures travel. */
    @OvsTask(name = "ovs.examples.fail")
    public void fail(String message) {
        throw new IllegalStateException(message);
    }
}
