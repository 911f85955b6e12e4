package io.ovsworkers.launcher;

import java.io.InputStream;
import java.io.PrintStream;
import java.lang.ref.Reference;
import java.nio.channels.FileLock;
import org.slf4j.LoggerFactory;

/**
 * Starts an OVS Workers node: {@code java -cp 'lib/*' io.ovsworkers.launcher.Main --home DIR [options]};
 * {@code --help} prints the options. The {@code ovs} script at the repository root does this after
 * building the distribution.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // taken before any bundle runs: Gogo replaces System.out with its own multiplexing stream
        System.exit(run(args, System.in, System.out, System.err).code);
    }

    private static ExitStatus run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, System.getProperty(LaunchOptions.FEATURES_PROPERTY));
        } catch (LaunchException e) {
            err.println("ovs: " + e.getMessage());
            return e.status();
        }
        if (options.help()) {
            out.print(LaunchOptions.USAGE);
            return ExitStatus.OK;
        }
        NodeHome home = new NodeHome(options.home());
        try {
            home.prepare();
            FileLock homeLock = home.lock();
            try {
                Logging.configure(options.mode(), home, options.verbose());
                return new Node(options, home, Distribution.ofRunningLauncher(), in, out, err).run();
            } finally {
                // held while the node runs; the operating system lets it go when the process ends
                Reference.reachabilityFence(homeLock);
            }
        } catch (LaunchException e) {
            err.println("ovs: " + e.getMessage());
            if (options.mode() == Mode.SERVICE) {
                LoggerFactory.getLogger(Main.class).error(e.getMessage(), e);
            }
            return e.status();
        }
    }
}
