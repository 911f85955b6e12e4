package io.ovsworkers.launcher;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The parsed command line.
 *
 * @param home the node home: {@code config/}, {@code deploy/}, {@code data/}
 * @param mode interactive console, {@code -c} commands or service
 * @param commands the {@code -c} commands, split at top-level {@code ;}; empty in the other modes
 * @param features the features asked for with {@code --features} (or the {@code ovs.features} system
 *     property); empty for the default set
 * @param verbose log INFO of our bundles on the console, DEBUG in the log file
 * @param help {@code --help} was given
 */
record LaunchOptions(Path home, Mode mode, List<String> commands, Optional<List<String>> features, boolean verbose,
        boolean help) {

    static final String FEATURES_PROPERTY = "ovs.features";

    static final String USAGE = """
            Usage: ovs [--home DIR] [--features NAME,...] [--verbose] [-c "CMD; CMD" | --no-console]

            Boots an OVS Workers node and opens the Gogo console; Ctrl-D leaves it and stops the node.

              --home DIR          node home holding config/ (watched), deploy/ (watched plugin jars)
                                  and data/; default: the current directory
              --features A,B      features to boot instead of the default core,embedded,shell,examples
                                  (core is always booted); also the system property ovs.features
              -c, --command CMDS  boot, run the Gogo commands separated by ';', print their results,
                                  stop; exit 1 if a command failed
              --no-console        run as a service until SIGTERM/SIGINT, logging to data/log/ovs.log
              --verbose           also log INFO of io.ovsworkers bundles (DEBUG in the log file)
              -h, --help          print this help

            Exit codes: 0 ok, 1 a command failed, 2 bad usage, 3 boot failed or not ready in time.
            """;

    /**
     * @param args the command line
     * @param featuresProperty the value of the {@code ovs.features} system property, or null
     * @throws LaunchException with {@link ExitStatus#USAGE}, naming the offending argument
     */
    static LaunchOptions parse(String[] args, String featuresProperty) throws LaunchException {
        Path home = Path.of("").toAbsolutePath();
        String commandLine = null;
        boolean service = false;
        boolean verbose = false;
        boolean help = false;
        Optional<List<String>> features = Optional.ofNullable(featuresProperty).map(LaunchOptions::featureList);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--home" -> home = Path.of(value(args, ++i, arg)).toAbsolutePath().normalize();
                case "--features" -> features = Optional.of(featureList(value(args, ++i, arg)));
                case "-c", "--command" -> commandLine = value(args, ++i, arg);
                case "--no-console" -> service = true;
                case "--verbose" -> verbose = true;
                case "-h", "--help" -> help = true;
                default -> throw usage(arg.startsWith("-") ? "unknown option " + arg : "unexpected argument " + arg);
            }
        }
        if (commandLine != null && service) {
            throw usage("-c and --no-console exclude each other");
        }
        List<String> commands = List.of();
        if (commandLine != null) {
            try {
                commands = CommandSplitter.split(commandLine);
            } catch (IllegalArgumentException e) {
                throw usage("-c: " + e.getMessage());
            }
            if (commands.isEmpty()) {
                throw usage("-c needs at least one command");
            }
        }
        Mode mode = commandLine != null ? Mode.COMMANDS : service ? Mode.SERVICE : Mode.INTERACTIVE;
        return new LaunchOptions(home, mode, commands, features, verbose, help);
    }

    private static String value(String[] args, int index, String option) throws LaunchException {
        if (index >= args.length) {
            throw usage(option + " needs a value");
        }
        return args[index];
    }

    private static List<String> featureList(String names) {
        return Arrays.stream(names.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
    }

    private static LaunchException usage(String message) {
        return new LaunchException(ExitStatus.USAGE, message + " (ovs --help prints the usage)");
    }
}
