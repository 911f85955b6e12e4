package io.ovsworkers.bench;

import io.ovsworkers.api.Tasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Deploy-to-callable latency: a plugin jar renamed into the watched deploy folder, until its task can be called;
 * and delete-to-gone. FileInstall polls every 100 ms, as the launcher configures it, so that poll is the floor.
 */
public final class DeployLatency {
    private DeployLatency() {
    }

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(System.getProperty("ovs.dist", "launcher/target/ovs"));
        int rounds = Integer.parseInt(System.getProperty("rounds", "10"));
        Path work = Files.createTempDirectory("ovs-bench-deploy");
        Path deploy = Files.createDirectories(work.resolve("deploy"));
        System.setProperty("felix.fileinstall.dir", deploy.toString());
        System.setProperty("felix.fileinstall.poll", "100");
        System.setProperty("felix.fileinstall.noInitialDelay", "true");
        Path plugin = Files.list(dist.resolve("system/io/ovsworkers/io.ovsworkers.examples")).filter(Files::isDirectory).findFirst().orElseThrow();
        Path jar = plugin.resolve("io.ovsworkers.examples-" + plugin.getFileName() + ".jar");
        List<Double> callable = new ArrayList<>();
        List<Double> gone = new ArrayList<>();
        try (FelixNode node = new FelixNode(dist, work.resolve("felix"), "core")) {
            Tasks tasks = node.service(Tasks.class, 10_000);
            for (int round = 0; round < rounds; round++) {
                Path staged = work.resolve("examples.jar.part");
                Files.copy(jar, staged, StandardCopyOption.REPLACE_EXISTING);
                long start = System.nanoTime();
                Files.move(staged, deploy.resolve("examples.jar"), StandardCopyOption.ATOMIC_MOVE);
                while (tasks.describe("ovs.examples.echo").isEmpty()) {
                    Thread.onSpinWait();
                }
                tasks.task("ovs.examples.echo").call("x");
                callable.add((System.nanoTime() - start) / 1e6);
                start = System.nanoTime();
                Files.delete(deploy.resolve("examples.jar"));
                while (tasks.describe("ovs.examples.echo").isPresent()) {
                    Thread.onSpinWait();
                }
                gone.add((System.nanoTime() - start) / 1e6);
            }
        }
        System.out.printf("deploy-to-callable: median %.0f ms, max %.0f ms over %d rounds (FileInstall poll 100 ms)%n",
                median(callable), Collections.max(callable), rounds);
        System.out.printf("delete-to-gone:     median %.0f ms, max %.0f ms%n", median(gone), Collections.max(gone));
        System.out.printf("ratio deploy-to-callable / poll interval: %.2f%n", median(callable) / 100);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
