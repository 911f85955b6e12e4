package io.ovsworkers.itests;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * The operator's commands in a real node process on its embedded defaults, after a known history: one task
 * succeeded, one failed, one id revoked, one unknown task dead-lettered. Each command's output is checked for what it
 * must say about that state.
 */
public class ShellCommandsIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @Test
    public void commandsDescribeTheNodesState() throws Exception {
        Path home = Distribution.WORK.resolve("shell-commands-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/io.ovsworkers.worker.cfg"), "unknownTaskGraceSeconds = 0\nconcurrency = 3\n");
        Files.writeString(home.resolve("config/io.ovsworkers.node.cfg"), "machineId = shelltest\n");
        String output = String.join("\n", NodeProcess.run(home, "core,embedded,shell,examples", String.join("; ",
                "ovs:send --wait 20 ovs.examples.add 1 2",
                "failing = (ovs:send ovs.examples.fail boom)",
                "ovs:result --wait 20 $failing",
                "ovs:revoke 11111111-2222-3333-4444-555555555555",
                "ovs:send ovs.nobody.provides_this",
                "ovs:status", "ovs:plugins", "ovs:queues", "ovs:config", "ovs:workers", "ovs:locks", "ovs:schedule",
                "ovs:metrics", "ovs:tasks", "ovs:deadletters list"), DEADLINE));

        expect(output, "^3$");
        expect(output, "\\{\"id\":\"[0-9a-f-]+\",\"state\":\"FAILURE\",\"result\":\\{\"exc_type\":\"IllegalStateException\"");
        expect(output, "Task 11111111-2222-3333-4444-555555555555 revoked");
        expect(output, "Node: +shelltest \\(master\\)");
        expect(output, "Tasks: +1 succeeded, 1 failed");
        expect(output, "broker +EmbeddedBroker +ok");
        expect(output, "store +EmbeddedStore +ok");
        expect(output, "ovs.examples.add +1 +0 ");
        expect(output, "io.ovsworkers.examples +\\S+ +ACTIVE");
        expect(output, "ovs_shelltest +0 +1");
        expect(output, "^io.ovsworkers.worker\n  concurrency = 3$");
        expect(output, "java@shelltest \\(this node\\) +pong");
        expect(output, "No ensure-single registrations");
        expect(output, "ovs.generic.snapshot_all +0 \\* \\* \\* \\* +scheduled from code");
        expect(output, "ovs_tasks_total\\{node=\"shelltest\",outcome=\"failed\"\\} 1");
        expect(output, "ovs.mds.mds_checkup +CHAINED");
        expect(output, "No plugin on node shelltest provides task 'ovs.nobody.provides_this'");
    }

    private static void expect(String output, String regex) {
        assertTrue("expected a line matching /" + regex + "/ in:\n" + output,
                Pattern.compile(regex, Pattern.MULTILINE).matcher(output).find());
    }
}
