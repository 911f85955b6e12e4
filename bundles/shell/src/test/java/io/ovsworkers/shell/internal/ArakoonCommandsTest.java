package io.ovsworkers.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.arakoon.client.ArakoonClient;
import io.ovsworkers.arakoon.client.ArakoonClusterConfig;
import io.ovsworkers.arakoon.client.ArakoonNode;
import io.ovsworkers.arakoon.client.NodeStatus;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArakoonCommandsTest {

    @Test
    void saysSoWhenNoClusterIsConfigured() {
        assertEquals(ArakoonCommands.NOT_CONFIGURED, new ArakoonCommands().arakoon());
    }

    @Test
    void showsTheReportOnceOneIsBound() {
        ArakoonCommands commands = new ArakoonCommands();
        commands.report = () -> "Cluster: ovsdb";
        assertEquals("Cluster: ovsdb", commands.arakoon());
    }

    @Test
    void masterIsTheOneTheReachableNodesName() {
        assertEquals("n0 (named by 2 of 2 reachable node(s), 3 configured)", ArakoonCommands.Report.master(List.of(
                answered("n0", "n0"), answered("n1", "n0"), unreachable("n2"))));
    }

    @Test
    void masterIsDisputedWhenNodesDisagree() {
        assertEquals("disputed: n0 named by 1 node(s), n1 named by 2 node(s)", ArakoonCommands.Report.master(List.of(
                answered("n0", "n0"), answered("n1", "n1"), answered("n2", "n1"))));
    }

    @Test
    void noMasterWhenNoneIsNamedOrNoNodeAnswers() {
        assertEquals("none (no reachable node names one)", ArakoonCommands.Report.master(List.of(
                new NodeStatus("n0", "h:1", true, Optional.empty(), "Slave_discovered", ""))));
        assertEquals("unknown (no node answers)", ArakoonCommands.Report.master(List.of(unreachable("n0"))));
    }

    /** A real client against ports nothing listens on: every node is reported unreachable, with the reason. */
    @Test
    void reportsUnreachableNodes() throws IOException {
        ArakoonClusterConfig config = ArakoonClusterConfig.builder("ovsdb", List.of(
                        new ArakoonNode("n0", "127.0.0.1", closedPort()), new ArakoonNode("n1", "127.0.0.1", closedPort())))
                .connectTimeout(Duration.ofSeconds(2)).failoverDeadline(Duration.ofSeconds(2)).build();
        try (ArakoonClient client = ArakoonClient.open(config)) {
            String report = ArakoonCommands.Report.describe(client);
            List<String> lines = report.lines().toList();
            assertEquals("Cluster: ovsdb", lines.get(0));
            assertEquals("Master: unknown (no node answers)", lines.get(1));
            assertTrue(lines.get(2).startsWith("NODE"), report);
            assertTrue(lines.get(3).startsWith("n0") && lines.get(3).contains(" no "), report);
            assertTrue(lines.get(4).startsWith("n1") && lines.get(4).contains(" no "), report);
        }
    }

    private static NodeStatus answered(String node, String master) {
        return new NodeStatus(node, "h:1", true, Optional.of(master), node.equals(master) ? "Stable_master"
                : "Slave_steady_state", "");
    }

    private static NodeStatus unreachable(String node) {
        return new NodeStatus(node, "h:1", false, Optional.empty(), "", "connection refused");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
