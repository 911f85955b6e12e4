package io.ovsworkers.launcher;

import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.slf4j.LoggerFactory;

/** Sends the framework's own log (resolution errors, bundles that fail to start) to slf4j. */
final class FelixLogBridge extends Logger {

    private final org.slf4j.Logger log = LoggerFactory.getLogger("org.apache.felix.framework");

    @Override
    @SuppressWarnings("rawtypes") // the framework's signature
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String msg, Throwable throwable) {
        String message = bundle == null ? msg : bundle.getSymbolicName() + " [" + bundle.getBundleId() + "]: " + msg;
        switch (level) {
            case LOG_ERROR -> log.error(message, throwable);
            case LOG_WARNING -> log.warn(message, throwable);
            case LOG_INFO -> log.info(message, throwable);
            default -> log.debug(message, throwable);
        }
    }
}
