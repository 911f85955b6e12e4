package io.ovsworkers.beat.internal;

import io.ovsworkers.api.NodeInfo;

/** A node identity as the core's NodeIdentity gives it, set by the test. */
record TestNode(String machineId, boolean master) implements NodeInfo {
}
