import io.ovsworkers.arakoon.testserver.ArakoonTestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the Arakoon TEST DOUBLE of bundles/arakoon's test jar ({@code ArakoonTestCluster}) as a process of its own,
 * because no Arakoon server exists on this machine: {@code java -cp <arakoon jar>:<arakoon test jar>:<slf4j>
 * ArakoonStore.java CLUSTER_ID NODE_COUNT NODES_FILE}. Once it listens it writes the nodes, as the {@code nodes} key
 * of PID io.ovsworkers.arakoon takes them ({@code n0=127.0.0.1:PORT, ...}), to NODES_FILE, and serves until killed.
 * Its store lives in memory: stopping it loses every key.
 */
public final class ArakoonStore {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ArakoonStore CLUSTER_ID NODE_COUNT NODES_FILE");
            System.exit(2);
        }
        ArakoonTestCluster cluster = ArakoonTestCluster.start(args[0], Integer.parseInt(args[1]));
        List<String> nodes = new ArrayList<>();
        for (String name : cluster.nodeNames()) {
            nodes.add(name + "=127.0.0.1:" + cluster.port(name));
        }
        Path file = Path.of(args[2]);
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(partial, String.join(", ", nodes) + "\n");
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("Arakoon test double " + args[0] + " serving " + nodes);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
        new CountDownLatch(1).await();
    }
}
