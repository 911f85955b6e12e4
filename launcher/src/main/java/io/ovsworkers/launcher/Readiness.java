package io.ovsworkers.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.framework.AllServiceListener;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;

/**
 * Waits until the node is ready: the core's task service is registered and every plugin jar that lay
 * in {@code deploy/} at start is ACTIVE (a fragment: RESOLVED). It re-checks on each service and bundle
 * event, and reports what is still missing when the deadline passes. The service is looked up by class
 * name only: the launcher never loads our bundles' classes.
 */
final class Readiness implements AllServiceListener, BundleListener {

    static final String TASKS_SERVICE = "io.ovsworkers.api.Tasks";

    private final BundleContext context;
    private final NodeHome home;
    private final List<Path> deployedJars;

    /** Counts the events seen, so that waiting never misses one that came while checking. */
    private long events;

    /**
     * @param deployedJars the jars that lay in {@code deploy/} when the node started
     */
    Readiness(BundleContext context, NodeHome home, List<Path> deployedJars) {
        this.context = context;
        this.home = home;
        this.deployedJars = deployedJars;
    }

    void await(Duration timeout) throws LaunchException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            context.addServiceListener(this, "(objectClass=" + TASKS_SERVICE + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        context.addBundleListener(this);
        try {
            long seen = eventCount();
            List<String> missing = missing();
            while (!missing.isEmpty()) {
                seen = awaitEventAfter(seen, deadline);
                if (seen < 0) {
                    throw new LaunchException(ExitStatus.BOOT_FAILED, "not ready after " + timeout.toSeconds()
                            + " s: " + String.join("; ", missing));
                }
                missing = missing();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException(ExitStatus.BOOT_FAILED, "interrupted while waiting for the node to be ready");
        } finally {
            context.removeServiceListener(this);
            context.removeBundleListener(this);
        }
    }

    private List<String> missing() {
        List<String> missing = new ArrayList<>();
        ServiceReference<?>[] tasks;
        try {
            tasks = context.getAllServiceReferences(TASKS_SERVICE, null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (tasks == null) {
            missing.add("no " + TASKS_SERVICE + " service is registered (the core feature's io.ovsworkers.core registers it)");
        }
        Map<String, Bundle> byLocation = Stream.of(context.getBundles())
                .collect(Collectors.toMap(Bundle::getLocation, Function.identity()));
        for (Path jar : deployedJars) {
            Bundle bundle = byLocation.get(fileInstallLocation(jar));
            String name = home.root().relativize(jar).toString();
            if (bundle == null) {
                missing.add(name + " is not installed");
            } else if (!BundleStates.isUp(bundle)) {
                missing.add(name + " (" + bundle.getSymbolicName() + ") is " + BundleStates.name(bundle.getState()));
            }
        }
        return missing;
    }

    /** The location FileInstall gives the bundle of a watched jar. */
    private static String fileInstallLocation(Path jar) {
        return jar.toFile().toURI().normalize().toString();
    }

    private synchronized long eventCount() {
        return events;
    }

    /** @return the new event count, or -1 when the deadline passed first */
    private synchronized long awaitEventAfter(long seen, long deadline) throws InterruptedException {
        while (events == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return -1;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return events;
    }

    private synchronized void signal() {
        events++;
        notifyAll();
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        signal();
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        signal();
    }
}
