/**
 * A client for Arakoon 1.9 clusters, usable on its own: {@link io.ovsworkers.arakoon.client.ArakoonClient} speaks the
 * client protocol, finds the master, fails over within a deadline and maps every result code to a typed
 * {@link io.ovsworkers.arakoon.client.ArakoonException}. Configure it with
 * {@link io.ovsworkers.arakoon.client.ArakoonClusterConfig}, built by hand or from a cluster's {@code .ini} file.
 */
@Export
@Version("1.0.0")
package io.ovsworkers.arakoon.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
