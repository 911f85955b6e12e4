package io.ovsworkers.launcher;

import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import org.osgi.framework.BundleContext;

/**
 * Runs the {@code -c} commands one after the other in one Gogo session: each result is printed as the
 * Gogo shell formats it, each failure goes to stderr and the next command still runs.
 */
final class CommandRunner {

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;

    CommandRunner(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** @return {@link ExitStatus#COMMAND_FAILED} when at least one command failed */
    ExitStatus run(BundleContext context, List<String> commands) throws LaunchException {
        boolean failed = false;
        try (GogoSession session = GogoSession.open(context, in, out, err)) {
            for (String command : commands) {
                try {
                    Object result = session.execute(command);
                    if (result != null) {
                        out.println(session.format(result));
                    }
                } catch (Exception e) {
                    failed = true;
                    err.println("ovs: " + command + ": " + describe(e));
                }
                out.flush();
                err.flush();
            }
        }
        return failed ? ExitStatus.COMMAND_FAILED : ExitStatus.OK;
    }

    /** Names the exception the command threw, under the reflection wrappers Gogo may add. */
    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause instanceof InvocationTargetException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null
                ? cause.getClass().getName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
