package io.ovsworkers.itests;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * The embedded broker and store across restarts of a real node process: what was queued, acknowledged to the caller
 * or stored survives a clean stop and a kill -9.
 */
public class NodeRestartIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Pattern TASK_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Boots without the example plugin, so that the sent tasks can only wait in the queue. */
    private static final String WITHOUT_PLUGINS = "core,embedded,shell";
    private static final String WITH_PLUGINS = "core,embedded,shell,examples";

    private static Path home(String name) throws Exception {
        Path home = Distribution.WORK.resolve("restart-" + name + "-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(home);
        return home;
    }

    @Test
    public void queuedTasksAndStoredResultsSurviveACleanStop() throws Exception {
        Path home = home("clean");
        List<String> ids = NodeProcess.run(home, WITHOUT_PLUGINS, "ovs:send ovs.examples.add 1 2; ovs:send ovs.examples.add 3 4", DEADLINE);
        assertEquals(2, ids.stream().filter(id -> TASK_ID.matcher(id).matches()).count());

        List<String> results = NodeProcess.run(home, WITH_PLUGINS,
                "ovs:result --wait 30 " + ids.get(0) + "; ovs:result --wait 30 " + ids.get(1), DEADLINE);
        assertEquals(List.of(result(ids.get(0), "SUCCESS", "3"), result(ids.get(1), "SUCCESS", "7")), results);

        assertEquals(List.of(result(ids.get(0), "SUCCESS", "3")), NodeProcess.run(home, WITHOUT_PLUGINS, "ovs:result " + ids.get(0), DEADLINE));
    }

    @Test
    public void tasksAcknowledgedToTheCallerSurviveAKill() throws Exception {
        Path home = home("kill");
        List<String> ids;
        try (NodeProcess node = NodeProcess.start(home, WITHOUT_PLUGINS,
                "ovs:send ovs.examples.add 5 6; ovs:send ovs.examples.echo killed; ovs:result --wait 600 never-ready")) {
            ids = Await.until("both sends to be acknowledged", DEADLINE, () -> {
                List<String> printed = node.output().stream().filter(line -> TASK_ID.matcher(line).matches()).toList();
                return printed.size() == 2 ? printed : null;
            });
            node.kill();
        }
        List<String> results = NodeProcess.run(home, WITH_PLUGINS,
                "ovs:result --wait 30 " + ids.get(0) + "; ovs:result --wait 30 " + ids.get(1), DEADLINE);
        assertEquals(List.of(result(ids.get(0), "SUCCESS", "11"), result(ids.get(1), "SUCCESS", "\"killed\"")), results);
    }

    @Test
    public void aTaskCutShortByAKillRunsAgainAfterTheRestart() throws Exception {
        Path home = home("midtask");
        String id;
        try (NodeProcess node = NodeProcess.start(home, WITH_PLUGINS, "ovs:send ovs.examples.sleep 2; ovs:result --wait 600 never-ready")) {
            id = Await.until("the send to be acknowledged", DEADLINE,
                    () -> node.output().stream().filter(line -> TASK_ID.matcher(line).matches()).findFirst().orElse(null));
            node.kill();
        }
        assertEquals(List.of(result(id, "SUCCESS", "2.0")), NodeProcess.run(home, WITH_PLUGINS, "ovs:result --wait 30 " + id, DEADLINE));
    }

    private static String result(String id, String state, String json) {
        return "{\"id\":\"" + id + "\",\"state\":\"" + state + "\",\"result\":" + json + "}";
    }
}
