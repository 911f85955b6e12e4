/**
 * The task author's and the caller's API.
 *
 * <p>A plugin bundle marks a DS component with {@link io.ovsworkers.api.TaskPlugin} and annotates its public
 * methods with {@link io.ovsworkers.api.OvsTask}; the core registers those methods as tasks while the component
 * is there. Callers obtain the {@link io.ovsworkers.api.Tasks} service and run tasks inline
 * ({@code call}, {@code apply}) or on workers ({@code delay}, {@code applyAsync}).
 */
@Export
@Version("1.2.0")
package io.ovsworkers.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
