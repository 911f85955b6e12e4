package io.ovsworkers.shell.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ovsworkers.api.TaskDescription;
import io.ovsworkers.api.Tasks;
import java.util.Arrays;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Shell commands to list and run tasks. */
@Component(service = TaskCommands.class, property = {
        "osgi.command.scope=ovs",
        "osgi.command.function=tasks",
        "osgi.command.function=call"})
public final class TaskCommands {
    static final ObjectMapper JSON = JsonMapper.builder().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build();

    @Reference
    Tasks tasks;

    @Descriptor("lists the registered tasks: name, ensure-single mode, schedule (crontab: minute hour day-of-month month day-of-week), providing bundle")
    public String tasks() {
        List<TaskDescription> all = tasks.list();
        if (all.isEmpty()) {
            return "No tasks are registered. Drop a plugin bundle into deploy/ or check the log for refused tasks.";
        }
        Table table = new Table("NAME", "MODE", "SCHEDULE", "BUNDLE", "PARAMETERS");
        for (TaskDescription task : all) {
            table.row(task.name(), task.mode().map(Enum::name).orElse("-"), task.schedule().map(Object::toString).orElse("-"),
                    task.bundle() + " " + task.bundleVersion(), String.join(", ", task.parameters()));
        }
        return table.render();
    }

    @Descriptor("runs a task inline in this shell and prints its JSON result; arguments are JSON where they parse"
            + " as JSON (3, true, '\"text\"', '[1,2]') and strings otherwise; name=value gives a keyword argument")
    public String call(@Descriptor("task name") String name,
                       @Descriptor("arguments: positional first, then name=value") String... arguments) throws JsonProcessingException {
        CommandArguments parsed = CommandArguments.parse(JSON, Arrays.asList(arguments));
        Object result = tasks.task(name).call(parsed.args(), parsed.kwargs());
        return JSON.writeValueAsString(result);
    }
}
