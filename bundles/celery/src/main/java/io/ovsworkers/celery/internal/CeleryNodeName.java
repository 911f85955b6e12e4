package io.ovsworkers.celery.internal;

import io.ovsworkers.api.NodeInfo;

/** The name a Java worker goes by in Celery's remote control and events: unique per node, {@code name@host} shaped. */
final class CeleryNodeName {
    private CeleryNodeName() {
    }

    static String of(NodeInfo node) {
        return "java@" + node.machineId();
    }
}
