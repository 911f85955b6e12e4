package io.ovsworkers.cluster.plugin.internal;

import io.ovsworkers.api.EnsureSingle;
import io.ovsworkers.api.Mode;
import io.ovsworkers.api.NodeInfo;
import io.ovsworkers.api.OvsTask;
import io.ovsworkers.api.Schedule;
import io.ovsworkers.api.TaskPlugin;
import io.ovsworkers.api.monitor.TaskContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Tasks for the cluster scenarios: each says which node and which version of this plugin ran it, and the ones that
 * count runs append a line per run to {@code <data dir>/cluster-runs.log}, so a scenario can check that nothing ran
 * twice and nothing was lost.
 */
@Component(service = ClusterTasks.class)
@TaskPlugin
public class ClusterTasks {
    @Reference
    private NodeInfo node;

    private String version;
    private Path runLog;

    @Activate
    void activate(BundleContext context) {
        version = context.getBundle().getVersion().toString();
        String dataDir = context.getProperty("ovs.data.dir");
        runLog = Path.of(dataDir == null ? "data" : dataDir, "cluster-runs.log");
    }

    @OvsTask(name = "cluster.whoami")
    public Map<String, Object> whoami() {
        return Map.of("machine", node.machineId(), "master", node.master(), "version", version);
    }

    /** Records its start, takes {@code seconds}, records its end; {@code seq} names the run in the log. */
    @OvsTask(name = "cluster.work")
    public Map<String, Object> work(long seq, double seconds) throws InterruptedException {
        record("start", seq);
        if (seconds > 0) {
            Thread.sleep(Math.round(seconds * 1000));
        }
        record("done", seq);
        return Map.of("seq", seq, "machine", node.machineId(), "version", version);
    }

    /** As {@link #work}, but one at a time in the whole cluster (DEFAULT mode): a call while one runs is discarded. */
    @OvsTask(name = "cluster.single", ensureSingle = @EnsureSingle(mode = Mode.DEFAULT))
    public Map<String, Object> single(long seq, double seconds) throws InterruptedException {
        return work(seq, seconds);
    }

    /** Never returns, and ignores interrupts too: only a hard time limit gets its worker slot back. */
    @OvsTask(name = "cluster.hang")
    public void hang() {
        record("hang", -1);
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ignored) {
                record("interrupted", -1);
            }
        }
    }

    /** Fired by beat every minute; the scenarios count its runs per slot. */
    @OvsTask(name = "cluster.tick", schedule = @Schedule(minute = "*"))
    public String tick() {
        record("tick", Instant.now().getEpochSecond() / 60);
        return node.machineId();
    }

    private synchronized void record(String event, long seq) {
        String taskId = TaskContext.current().map(TaskContext::taskId).orElse("inline");
        String line = event + " " + seq + " " + taskId + " " + node.machineId() + " " + version + " "
                + System.currentTimeMillis() + "\n";
        try {
            Files.writeString(runLog, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + runLog, e);
        }
    }
}
