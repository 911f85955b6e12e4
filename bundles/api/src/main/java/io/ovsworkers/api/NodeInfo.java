package io.ovsworkers.api;

import org.osgi.annotation.versioning.ProviderType;

/** This node's identity, as a service: plugins use it to route work to themselves ({@code sr.<machine id>}). */
@ProviderType
public interface NodeInfo {

    /** The machine id; this node consumes {@code ovs_<machine id>}, bound to {@code sr.<machine id>.#}. */
    String machineId();

    /** Whether this node is a master: it consumes {@code ovs_masters} and may lead beat. */
    boolean master();
}
