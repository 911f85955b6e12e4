/**
 * The ensure-single registrations in the cluster's key-value store, for operators: list them, and clear those of a
 * task that an operator knows to be stale. Tasks never need this; the core's ensure-single engine provides it.
 */
@Export
@Version("1.0.0")
package io.ovsworkers.api.locks;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
