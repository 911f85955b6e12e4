package io.ovsworkers.shell.internal;

import io.ovsworkers.api.TaskDescription;
import io.ovsworkers.api.Tasks;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tab completes task names after {@code ovs:call} and {@code ovs:send} in the interactive console. The console's
 * completions belong to its session (gogo.jline keeps them in the session variable {@value #COMPLETIONS}), so they
 * are added with gogo.jline's own {@code complete} command when a console session runs its first command; a
 * session without completions (the launcher's {@code -c}) is left alone.
 */
@Component(service = {CommandSessionListener.class, TaskNameCompletion.class}, property = {
        "osgi.command.scope=ovs",
        "osgi.command.function=tasknames"})
public final class TaskNameCompletion implements CommandSessionListener {
    static final String COMPLETIONS = ".completions";
    static final String ADDED = ".ovs.taskNameCompletion";
    static final List<String> COMMANDS = List.of("ovs:call", "ovs:send");
    private static final Logger LOG = LoggerFactory.getLogger(TaskNameCompletion.class);

    @Reference
    Tasks tasks;

    @Descriptor("lists the names of the registered tasks (what Tab offers after ovs:call and ovs:send)")
    public List<String> tasknames() {
        return tasks.list().stream().map(TaskDescription::name).toList();
    }

    @Override
    public void beforeExecute(CommandSession session, CharSequence command) {
        if (session.get(COMPLETIONS) == null || session.get(ADDED) != null) {
            return;
        }
        session.put(ADDED, Boolean.TRUE);
        for (String completed : COMMANDS) {
            try {
                session.execute("gogo:complete -c " + completed + " -a 'ovs:tasknames'");
            } catch (Exception e) {
                LOG.debug("Could not add task name completion to {}", completed, e);
            }
        }
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Exception exception) {
        // nothing to do after a command
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Object result) {
        // nothing to do after a command
    }
}
