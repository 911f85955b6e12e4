package io.ovsworkers.arakoon.client;

import org.osgi.annotation.versioning.ProviderType;

/**
 * In an OSGi framework: the client of the cluster configured under PID {@code io.ovsworkers.arakoon}, offered as a
 * service for tools such as the shell (cluster, master, each node's state). Absent while nothing is configured.
 */
@ProviderType
public interface ArakoonService {

    /** The shared client; do not close it, the service owns it. */
    ArakoonClient client();
}
