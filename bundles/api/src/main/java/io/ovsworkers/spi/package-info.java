/**
 * The provider interfaces every backend implements: {@link io.ovsworkers.spi.Broker} carries task messages,
 * {@link io.ovsworkers.spi.ResultBackend} keeps task results, {@link io.ovsworkers.spi.KeyValueStore} keeps lock
 * and scheduler state. The core reaches backends only through these; which implementation serves is decided by
 * configuration and {@code service.ranking}.
 */
@Export
@Version("1.1.0")
package io.ovsworkers.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
