package io.ovsworkers.shell.internal;

import io.ovsworkers.api.AsyncResult;
import io.ovsworkers.api.TaskFailedException;
import io.ovsworkers.api.TaskOptions;
import io.ovsworkers.api.TaskState;
import io.ovsworkers.api.Tasks;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Shell commands to send tasks to workers and read their results. */
@Component(service = SendCommands.class, property = {
        "osgi.command.scope=ovs",
        "osgi.command.function=send",
        "osgi.command.function=result"})
public final class SendCommands {

    @Reference
    Tasks tasks;

    @Descriptor("sends a task to the workers through the broker and prints its id, or with --wait its result;"
            + " arguments as for ovs:call")
    public String send(
            @Descriptor("seconds to wait for the result; 0 prints the task id at once")
            @Parameter(names = {"-w", "--wait"}, absentValue = "0") double waitSeconds,
            @Descriptor("routing key, e.g. masters or sr.<machine id>; default generic.default")
            @Parameter(names = {"-r", "--routing-key"}, absentValue = "") String routingKey,
            @Descriptor("task name") String name,
            @Descriptor("arguments: positional first, then name=value") String... arguments) throws Exception {
        CommandArguments parsed = CommandArguments.parse(TaskCommands.JSON, Arrays.asList(arguments));
        TaskOptions options = routingKey.isEmpty() ? TaskOptions.defaults() : TaskOptions.defaults().routingKey(routingKey);
        AsyncResult sent = tasks.task(name).applyAsync(parsed.args(), parsed.kwargs(), options);
        if (waitSeconds <= 0) {
            return sent.id();
        }
        try {
            return TaskCommands.JSON.writeValueAsString(sent.get(Duration.ofMillis(Math.round(waitSeconds * 1000))));
        } catch (TimeoutException e) {
            throw new TimeoutException("Task " + name + " [" + sent.id() + "] is still " + sent.state() + " after " + waitSeconds + " s");
        }
    }

    @Descriptor("prints what is known of a task: its state and, once ready, its result or failure; while it reports progress, its progress")
    public String result(
            @Descriptor("seconds to wait for the task to be ready; 0 prints its state at once")
            @Parameter(names = {"-w", "--wait"}, absentValue = "0") double waitSeconds,
            @Descriptor("task id") String taskId) throws Exception {
        AsyncResult result = tasks.result(taskId);
        if (waitSeconds > 0) {
            try {
                result.get(Duration.ofMillis(Math.round(waitSeconds * 1000)));
            } catch (TimeoutException stillRunning) {
                throw new TimeoutException("Task " + taskId + " is still " + result.state() + " after " + waitSeconds + " s");
            } catch (TaskFailedException failedOrRevoked) {
                // shown below with its state
            }
        }
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("id", taskId);
        shown.put("state", result.state());
        // a running task's reported progress, as Celery's update_state(state='PROGRESS', meta=...)
        shown.put(result.state() == TaskState.PROGRESS ? "progress" : "result", result.result());
        return TaskCommands.JSON.writeValueAsString(shown);
    }
}
