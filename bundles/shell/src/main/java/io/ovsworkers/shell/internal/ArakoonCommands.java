package io.ovsworkers.shell.internal;

import io.ovsworkers.arakoon.client.ArakoonClient;
import io.ovsworkers.arakoon.client.ArakoonService;
import io.ovsworkers.arakoon.client.NodeStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Shell command to see the Arakoon cluster the node uses: its id, its master and each node's reachability.
 * The shell imports the Arakoon client optionally, so this class never names it: only {@link Report}, activated by
 * SCR once an {@link ArakoonService} exists, loads the Arakoon classes.
 */
@Component(service = ArakoonCommands.class, property = {
        "osgi.command.scope=ovs",
        "osgi.command.function=arakoon"})
public final class ArakoonCommands {
    static final String NOT_CONFIGURED = "No Arakoon cluster is configured: boot the arakoon feature and configure PID"
            + " io.ovsworkers.arakoon (config/io.ovsworkers.arakoon.cfg with clusterId and nodes, or iniFile).";

    /** The cluster's description, in text. */
    interface ClusterReport {
        String describe();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ClusterReport report;

    @Descriptor("shows the configured Arakoon cluster: its id, its master and, for each node, its address, whether it"
            + " answers, the master it names and its state")
    public String arakoon() {
        ClusterReport current = report;
        return current == null ? NOT_CONFIGURED : current.describe();
    }

    /** The report on the configured cluster; exists only while the Arakoon bundle offers {@link ArakoonService}. */
    @Component(service = ClusterReport.class)
    public static final class Report implements ClusterReport {

        @Reference
        ArakoonService arakoon;

        @Override
        public String describe() {
            return describe(arakoon.client());
        }

        static String describe(ArakoonClient client) {
            List<NodeStatus> nodes = client.nodeStatus();
            Table table = new Table("NODE", "ADDRESS", "REACHABLE", "NAMES AS MASTER", "STATE", "ERROR");
            for (NodeStatus node : nodes) {
                table.row(node.node(), node.address(), node.reachable() ? "yes" : "no",
                        node.believedMaster().orElse("-"), node.state().isEmpty() ? "-" : node.state(),
                        node.error().isEmpty() ? "-" : node.error());
            }
            return "Cluster: " + client.config().clusterId() + "\nMaster: " + master(nodes) + "\n" + table.render();
        }

        /**
         * The master as the nodes name it, asked of each node rather than through the client's discovery, which waits
         * up to the failover deadline when there is none.
         */
        static String master(List<NodeStatus> nodes) {
            long reachable = nodes.stream().filter(NodeStatus::reachable).count();
            if (reachable == 0) {
                return "unknown (no node answers)";
            }
            TreeMap<String, Long> named = nodes.stream().map(NodeStatus::believedMaster).flatMap(Optional::stream)
                    .collect(Collectors.groupingBy(name -> name, TreeMap::new, Collectors.counting()));
            if (named.isEmpty()) {
                return "none (no reachable node names one)";
            }
            if (named.size() > 1) {
                return "disputed: " + named.entrySet().stream()
                        .map(e -> e.getKey() + " named by " + e.getValue() + " node(s)")
                        .collect(Collectors.joining(", "));
            }
            Map.Entry<String, Long> master = named.firstEntry();
            return master.getKey() + " (named by " + master.getValue() + " of " + reachable + " reachable node(s), "
                    + nodes.size() + " configured)";
        }
    }
}
