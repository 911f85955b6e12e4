package io.ovsworkers.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ovsworkers.api.AsyncResult;
import io.ovsworkers.api.TaskDescription;
import io.ovsworkers.api.TaskRef;
import io.ovsworkers.api.Tasks;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.Test;

/**
 * Task-name completion is added once per console session, and never to a session without completions. The session
 * is a test double (a proxy recording what it is asked to execute): gogo.jline's console needs a terminal, which
 * the console terminal test in itests drives for real.
 */
class TaskNameCompletionTest {
    private final List<String> executed = new ArrayList<>();
    private final Map<String, Object> variables = new HashMap<>();

    private CommandSession session() {
        return (CommandSession) Proxy.newProxyInstance(CommandSession.class.getClassLoader(), new Class<?>[] {CommandSession.class},
                (self, method, args) -> switch (method.getName()) {
                    case "get" -> variables.get((String) args[0]);
                    case "put" -> variables.put((String) args[0], args[1]);
                    case "execute" -> {
                        executed.add(args[0].toString());
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static TaskNameCompletion completion() {
        TaskNameCompletion completion = new TaskNameCompletion();
        completion.tasks = new Tasks() {
            @Override
            public TaskRef task(String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<TaskDescription> describe(String name) {
                return Optional.empty();
            }

            @Override
            public List<TaskDescription> list() {
                return List.of(new TaskDescription("ovs.a", "b", "1", List.of(), Optional.empty(), Optional.empty(), Optional.empty()),
                        new TaskDescription("ovs.b", "b", "1", List.of(), Optional.empty(), Optional.empty(), Optional.empty()));
            }

            @Override
            public AsyncResult result(String taskId) {
                throw new UnsupportedOperationException();
            }
        };
        return completion;
    }

    @Test
    void aConsoleSessionGetsTaskNameCompletionOnce() {
        variables.put(TaskNameCompletion.COMPLETIONS, new HashMap<>());
        TaskNameCompletion completion = completion();
        CommandSession session = session();
        completion.beforeExecute(session, "prompt = 'g! '");
        completion.beforeExecute(session, "ovs:tasks");
        assertEquals(List.of("gogo:complete -c ovs:call -a 'ovs:tasknames'", "gogo:complete -c ovs:send -a 'ovs:tasknames'"), executed);
        assertEquals(List.of("ovs.a", "ovs.b"), completion.tasknames());
    }

    @Test
    void aSessionWithoutCompletionsIsLeftAlone() {
        completion().beforeExecute(session(), "ovs:tasks");
        assertEquals(List.of(), executed);
    }
}
