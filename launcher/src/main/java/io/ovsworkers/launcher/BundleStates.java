package io.ovsworkers.launcher;

import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleRevision;

/** Bundle state checks and names for messages. */
final class BundleStates {

    private BundleStates() {
    }

    static boolean isFragment(Bundle bundle) {
        return (bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    /** ACTIVE, or RESOLVED for a fragment, which never starts. */
    static boolean isUp(Bundle bundle) {
        return bundle.getState() == (isFragment(bundle) ? Bundle.RESOLVED : Bundle.ACTIVE);
    }

    static String name(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED (not resolved)";
            case Bundle.RESOLVED -> "RESOLVED (not started)";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "in state " + state;
        };
    }
}
