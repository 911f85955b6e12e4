package io.ovsworkers.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run of a node: boot the features, wait until ready, then serve the mode, then stop. */
final class Node {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** System property: epoch milliseconds at which java was launched. */
    private static final String LAUNCHED_AT = "ovs.launched.at";

    private final Logger log = LoggerFactory.getLogger(Node.class);
    private final LaunchOptions options;
    private final NodeHome home;
    private final Distribution distribution;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    Node(LaunchOptions options, NodeHome home, Distribution distribution, InputStream in, PrintStream out,
            PrintStream err) {
        this.options = options;
        this.home = home;
        this.distribution = distribution;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    ExitStatus run() throws LaunchException {
        Instant started = launchInstant();
        FeatureCatalog catalog = FeatureCatalog.load(distribution.features());
        List<String> features = FeatureCatalog.bootFeatures(options.mode(), options.features());
        List<FeatureArtifact> boot = catalog.bundles(features, distribution);
        List<FeatureArtifact> console = options.mode() == Mode.INTERACTIVE
                ? catalog.bundles(List.of(FeatureCatalog.CONSOLE), distribution).stream()
                        .filter(artifact -> boot.stream().noneMatch(booted -> booted.id().equals(artifact.id())))
                        .toList()
                : List.of();
        int startLevel = Stream.concat(boot.stream(), console.stream())
                .mapToInt(FeatureArtifact::startOrder).max().orElse(1);
        List<Path> deployed = deployedJars();
        log.info("Booting features {} from {} in {}", features, distribution.root(), home.root());

        Felix framework = new Felix(FrameworkProperties.of(home, features, startLevel));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(framework), "ovs-shutdown"));
        try {
            framework.init();
            BundleContext context = framework.getBundleContext();
            Provisioner provisioner = new Provisioner(context);
            List<Provisioner.Installed> installed = provisioner.install(boot);
            for (Provisioner.Installed bundle : installed) {
                provisioner.start(bundle);
            }
            framework.start();
            provisioner.awaitStarted(READY_TIMEOUT);
            provisioner.verifyUp(installed);
            new Readiness(context, home, deployed).await(READY_TIMEOUT);
            String ready = String.format("OVS Workers ready in %d ms (%d bundles, home %s)",
                    Duration.between(started, Instant.now()).toMillis(), context.getBundles().length - 1, home.root());
            out.println(ready);
            out.flush();
            log.info(ready);
            return serve(framework, provisioner, console);
        } catch (BundleException e) {
            throw new LaunchException(ExitStatus.BOOT_FAILED, "the framework does not start: " + e.getMessage(), e);
        } finally {
            stop(framework);
        }
    }

    private ExitStatus serve(Felix framework, Provisioner provisioner, List<FeatureArtifact> console)
            throws LaunchException {
        return switch (options.mode()) {
            case COMMANDS -> new CommandRunner(in, out, err).run(framework.getBundleContext(), options.commands());
            case INTERACTIVE -> {
                // leaving the shell stops the framework
                Console.start(provisioner, console);
                awaitStop(framework);
                yield ExitStatus.OK;
            }
            case SERVICE -> {
                awaitStop(framework);
                yield ExitStatus.OK;
            }
        };
    }

    /**
     * When java was started: the {@code ovs} script passes the time it execs java, since its process
     * (and start time) also covers the build; otherwise the process start.
     */
    private static Instant launchInstant() {
        Long launchedAt = Long.getLong(LAUNCHED_AT);
        return launchedAt != null
                ? Instant.ofEpochMilli(launchedAt)
                : ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
    }

    private List<Path> deployedJars() throws LaunchException {
        try (Stream<Path> files = Files.list(home.deploy())) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar") && Files.isRegularFile(file))
                    .sorted().toList();
        } catch (IOException e) {
            throw new LaunchException(ExitStatus.BOOT_FAILED, "cannot list " + home.deploy() + ": " + e, e);
        }
    }

    private static void awaitStop(Felix framework) throws LaunchException {
        try {
            framework.waitForStop(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException(ExitStatus.BOOT_FAILED, "interrupted while running");
        }
    }

    /** Stops the framework if it runs, waiting for it at most {@link #STOP_TIMEOUT}. */
    private void stop(Felix framework) {
        if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
            return;
        }
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(STOP_TIMEOUT.toMillis());
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                log.warn("OVS Workers did not stop within {} s", STOP_TIMEOUT.toSeconds());
            } else {
                log.info("OVS Workers stopped");
            }
        } catch (BundleException e) {
            log.error("OVS Workers does not stop: {}", e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("interrupted while stopping OVS Workers");
        }
    }
}
