package io.ovsworkers.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * Installs feature bundles from the distribution, each at its start order as start level, and checks
 * that they came up. It remembers the framework's start errors so that a bundle that failed to start
 * is reported with its cause.
 */
final class Provisioner implements FrameworkListener {

    /** A feature bundle and the framework bundle installed from it. */
    record Installed(FeatureArtifact artifact, Bundle bundle) {
    }

    private final BundleContext context;
    private final Map<Long, Throwable> startErrors = new ConcurrentHashMap<>();
    private final CountDownLatch frameworkStarted = new CountDownLatch(1);

    Provisioner(BundleContext context) {
        this.context = context;
        context.addFrameworkListener(this);
    }

    /** Installs without starting. */
    List<Installed> install(List<FeatureArtifact> artifacts) throws LaunchException {
        List<Installed> installed = new ArrayList<>();
        for (FeatureArtifact artifact : artifacts) {
            try {
                Bundle bundle = context.installBundle(artifact.file().toUri().toString());
                bundle.adapt(BundleStartLevel.class).setStartLevel(artifact.startOrder());
                installed.add(new Installed(artifact, bundle));
            } catch (BundleException e) {
                throw failure(artifact, "cannot be installed", e);
            }
        }
        return installed;
    }

    /**
     * Starts the bundle, or, while the framework is below the bundle's start level, marks it to start
     * when the framework gets there. Fragments are left alone.
     */
    void start(Installed installed) throws LaunchException {
        if (BundleStates.isFragment(installed.bundle())) {
            return;
        }
        try {
            installed.bundle().start();
        } catch (BundleException e) {
            throw failure(installed.artifact(), "does not start", e);
        }
    }

    /**
     * Waits for the framework's STARTED event. Framework events arrive in order on one thread, so once
     * it is here, so are the errors of the bundles that failed on the way up.
     */
    void awaitStarted(Duration timeout) throws LaunchException {
        try {
            if (!frameworkStarted.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LaunchException(ExitStatus.BOOT_FAILED,
                        "the framework did not report STARTED within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException(ExitStatus.BOOT_FAILED, "interrupted while the framework started");
        }
    }

    /** @throws LaunchException naming the first bundle that is not ACTIVE (a fragment: RESOLVED) */
    void verifyUp(List<Installed> bundles) throws LaunchException {
        for (Installed installed : bundles) {
            Bundle bundle = installed.bundle();
            if (!BundleStates.isUp(bundle)) {
                Throwable cause = startErrors.get(bundle.getBundleId());
                throw failure(installed.artifact(), "is " + BundleStates.name(bundle.getState()), cause);
            }
        }
    }

    private static LaunchException failure(FeatureArtifact artifact, String problem, Throwable cause) {
        String message = "feature " + artifact.feature() + ": bundle " + artifact.id() + " " + problem;
        return cause == null
                ? new LaunchException(ExitStatus.BOOT_FAILED, message)
                : new LaunchException(ExitStatus.BOOT_FAILED, message + ": " + cause.getMessage(), cause);
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED) {
            frameworkStarted.countDown();
        } else if (event.getType() == FrameworkEvent.ERROR && event.getBundle() != null && event.getThrowable() != null) {
            startErrors.put(event.getBundle().getBundleId(), event.getThrowable());
        }
    }
}
