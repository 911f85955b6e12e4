package io.ovsworkers.launcher;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * A Gogo command session, driven by reflection: Gogo's classes live in the gogo.runtime bundle, which
 * the launcher's class loader cannot see, so the methods are looked up on the interfaces loaded
 * through that bundle.
 */
final class GogoSession implements AutoCloseable {

    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final String SESSION = "org.apache.felix.service.command.CommandSession";
    /** {@code Converter.INSPECT}: the level the Gogo shell formats results at. */
    private static final int INSPECT = 0;

    private final BundleContext context;
    private final ServiceReference<?> processorReference;
    private final Object session;
    private final Method execute;
    private final Method format;
    private final Method close;

    private GogoSession(BundleContext context, ServiceReference<?> processorReference, Object session,
            Class<?> sessionType) throws NoSuchMethodException {
        this.context = context;
        this.processorReference = processorReference;
        this.session = session;
        this.execute = sessionType.getMethod("execute", CharSequence.class);
        this.format = sessionType.getMethod("format", Object.class, int.class);
        this.close = sessionType.getMethod("close");
    }

    /** Opens a session on the registered CommandProcessor, with the given streams. */
    static GogoSession open(BundleContext context, InputStream in, OutputStream out, OutputStream err)
            throws LaunchException {
        ServiceReference<?> reference = context.getServiceReference(PROCESSOR);
        if (reference == null) {
            throw new LaunchException(ExitStatus.BOOT_FAILED,
                    "no Gogo " + PROCESSOR + " service: is the shell feature's gogo.runtime ACTIVE?");
        }
        Object processor = context.getService(reference);
        try {
            Class<?> processorType = reference.getBundle().loadClass(PROCESSOR);
            Class<?> sessionType = reference.getBundle().loadClass(SESSION);
            Object session = processorType.getMethod("createSession", InputStream.class, OutputStream.class,
                    OutputStream.class).invoke(processor, in, out, err);
            return new GogoSession(context, reference, session, sessionType);
        } catch (ReflectiveOperationException e) {
            context.ungetService(reference);
            throw new LaunchException(ExitStatus.BOOT_FAILED, "cannot open a Gogo session: " + e, e);
        }
    }

    /**
     * Runs one command line.
     *
     * @return its result, or null
     * @throws Exception what the command threw
     */
    Object execute(String commandLine) throws Exception {
        return invoke(execute, commandLine);
    }

    /** Formats a result as the Gogo shell prints it. */
    String format(Object result) throws Exception {
        return String.valueOf(invoke(format, result, INSPECT));
    }

    private Object invoke(Method method, Object... args) throws Exception {
        try {
            return method.invoke(session, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public void close() throws LaunchException {
        try {
            invoke(close);
        } catch (Exception e) {
            throw new LaunchException(ExitStatus.BOOT_FAILED, "cannot close the Gogo session: " + e, e);
        } finally {
            context.ungetService(processorReference);
        }
    }
}
