package io.ovsworkers.core.internal;

import io.ovsworkers.api.EnsureSingle;
import io.ovsworkers.api.Mode;
import io.ovsworkers.api.OvsTask;
import io.ovsworkers.arakoon.internal.ArakoonBackends;
import io.ovsworkers.core.internal.single.GateListener;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * The node that {@link ArakoonCrashTest} kills with SIGKILL: connects to the test's Arakoon test cluster, runs a
 * DEDUPED task inline that prints {@value #RUNNING} and never ends, and renews its lease until it is killed.
 * Arguments: cluster id, lease in milliseconds, then the nodes as {@code name=host:port}.
 */
public final class CrashChild {
    static final String RUNNING = "RUNNING";
    static final String TASK = "crash.deduped";

    public static class Forever {
        @OvsTask(name = TASK, ensureSingle = @EnsureSingle(mode = Mode.DEDUPED))
        public String run(String volume) throws InterruptedException {
            System.out.println(RUNNING);
            System.out.flush();
            new CountDownLatch(1).await();
            return "never";
        }
    }

    private CrashChild() {
    }

    public static void main(String[] args) {
        ArakoonBackends arakoon = ArakoonBackends.connect(args[0], Arrays.asList(args).subList(2, args.length));
        TestNode node = new TestNode("doomed-node", arakoon.store(), null, null, Duration.ofMillis(Long.parseLong(args[1])),
                GateListener.LOGGING, 1, new Forever());
        node.tasks().task(TASK).call("volume-1");
    }
}
