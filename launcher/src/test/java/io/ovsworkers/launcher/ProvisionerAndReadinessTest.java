package io.ovsworkers.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import org.apache.felix.framework.Felix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.feature.FeatureService;
import org.osgi.service.feature.ID;

/**
 * Boots a real, empty Felix framework in this JVM. The Tasks service is a stand-in registered under its
 * class name (the launcher knows no more of it); the real core boots in {@link DistributionIT}.
 */
class ProvisionerAndReadinessTest {

    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private static final FeatureService FEATURES = ServiceLoader.load(FeatureService.class).findFirst().orElseThrow();

    @TempDir
    Path dir;

    private Felix framework;
    private BundleContext context;

    @BeforeEach
    void initFramework() throws Exception {
        framework = new Felix(Map.of(
                Constants.FRAMEWORK_STORAGE, dir.resolve("cache").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                Constants.FRAMEWORK_BEGINNING_STARTLEVEL, "2",
                "felix.log.logger", new FelixLogBridge()));
        framework.init();
        context = framework.getBundleContext();
    }

    @AfterEach
    void stopFramework() throws Exception {
        framework.stop();
        framework.waitForStop(GENEROUS.toMillis());
    }

    private FeatureArtifact artifact(String name, Map<String, String> headers, int startOrder) throws Exception {
        Path jar = TestBundles.write(dir.resolve(name + ".jar"), name, headers);
        ID id = FEATURES.getID("t", name, "1.0.0");
        return new FeatureArtifact("test", id, startOrder, jar);
    }

    @Test
    void bundlesStartAtTheirStartOrderWhenTheFrameworkStarts() throws Exception {
        Provisioner provisioner = new Provisioner(context);
        List<Provisioner.Installed> installed = provisioner.install(List.of(
                artifact("first", Map.of(), 1), artifact("second", Map.of(), 2)));
        for (Provisioner.Installed bundle : installed) {
            provisioner.start(bundle);
            assertEquals(Bundle.INSTALLED, bundle.bundle().getState());
        }

        framework.start();
        provisioner.awaitStarted(GENEROUS);

        provisioner.verifyUp(installed);
        assertEquals(List.of(1, 2), installed.stream()
                .map(bundle -> bundle.bundle().adapt(BundleStartLevel.class).getStartLevel())
                .toList());
    }

    @Test
    void aBundleThatFailsDuringBootIsReportedWithTheFeatureAndTheCause() throws Exception {
        Provisioner provisioner = new Provisioner(context);
        List<Provisioner.Installed> installed = provisioner.install(List.of(
                artifact("broken", Map.of("Import-Package", "no.such.pkg"), 2)));
        provisioner.start(installed.get(0));

        framework.start();
        provisioner.awaitStarted(GENEROUS);

        LaunchException e = assertThrows(LaunchException.class, () -> provisioner.verifyUp(installed));
        assertEquals(ExitStatus.BOOT_FAILED, e.status());
        assertTrue(e.getMessage().startsWith("feature test: bundle t:broken:1.0.0 is INSTALLED (not resolved): "
                + "Unable to resolve broken"), e.getMessage());
        assertTrue(e.getMessage().contains("osgi.wiring.package=no.such.pkg"), e.getMessage());
    }

    @Test
    void readyWhenTheTasksServiceAppearsAndDeployedJarsAreActive() throws Exception {
        framework.start();
        NodeHome home = new NodeHome(dir);
        Path plugin = TestBundles.write(home.deploy().resolve("plugin.jar"), "plugin", Map.of());
        // installed the way FileInstall installs it
        context.installBundle(plugin.toFile().toURI().normalize().toString()).start();
        Readiness readiness = new Readiness(context, home, List.of(plugin));

        CompletableFuture<ServiceRegistration<?>> tasks = CompletableFuture.supplyAsync(this::registerTasks);
        readiness.await(GENEROUS);

        assertTrue(tasks.isDone());
    }

    @Test
    void notReadyInTimeNamesEverythingMissing() throws Exception {
        framework.start();
        NodeHome home = new NodeHome(dir);
        Path installed = TestBundles.write(home.deploy().resolve("resolved.jar"), "resolved",
                Map.of("Import-Package", "no.such.pkg"));
        context.installBundle(installed.toFile().toURI().normalize().toString());
        Path absent = TestBundles.write(home.deploy().resolve("absent.jar"), "absent", Map.of());

        LaunchException e = assertThrows(LaunchException.class,
                () -> new Readiness(context, home, List.of(absent, installed)).await(Duration.ZERO));

        assertEquals("not ready after 0 s: no io.ovsworkers.api.Tasks service is registered (the core feature's "
                + "io.ovsworkers.core registers it); deploy/absent.jar is not installed; "
                + "deploy/resolved.jar (resolved) is INSTALLED (not resolved)", e.getMessage());
    }

    /** A service factory may be registered under a class name this class loader cannot see. */
    private ServiceRegistration<?> registerTasks() {
        ServiceFactory<Object> factory = new ServiceFactory<>() {
            @Override
            public Object getService(Bundle bundle, ServiceRegistration<Object> registration) {
                return new Object();
            }

            @Override
            public void ungetService(Bundle bundle, ServiceRegistration<Object> registration, Object service) {
                // nothing held
            }
        };
        return context.registerService(Readiness.TASKS_SERVICE, factory, null);
    }
}
