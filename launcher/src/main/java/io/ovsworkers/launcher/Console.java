package io.ovsworkers.launcher;

import java.util.List;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Starts the console feature after the node is ready. JLine finds its terminal providers through the
 * thread context class loader, and gogo.jline builds the terminal on a thread it creates while it
 * starts, which inherits the starting thread's context class loader. So the JLine bundle starts first,
 * and the others start with its class loader as context class loader; otherwise the console would be a
 * dumb terminal without completion or colours (JLine 3.22 and later inside OSGi).
 */
final class Console {

    private static final String JLINE = "org.jline";

    private Console() {
    }

    static void start(Provisioner provisioner, List<FeatureArtifact> consoleBundles) throws LaunchException {
        List<Provisioner.Installed> installed = provisioner.install(consoleBundles);
        Provisioner.Installed jline = installed.stream()
                .filter(bundle -> JLINE.equals(bundle.bundle().getSymbolicName()))
                .findFirst()
                .orElseThrow(() -> new LaunchException(ExitStatus.BOOT_FAILED,
                        "feature " + FeatureCatalog.CONSOLE + " has no " + JLINE + " bundle"));
        provisioner.start(jline);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(jline.bundle().adapt(BundleWiring.class).getClassLoader());
        try {
            for (Provisioner.Installed bundle : installed) {
                if (bundle != jline) {
                    provisioner.start(bundle);
                }
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
        provisioner.verifyUp(installed);
    }
}
