/**
 * Crontab schedules with Celery's semantics, evaluated in UTC.
 *
 * <p>{@link io.ovsworkers.api.schedule.Crontab} parses the five fields of an
 * {@link io.ovsworkers.api.Schedule} exactly as Celery 5.2's {@code crontab} does, refuses what Celery refuses
 * with an {@link io.ovsworkers.api.schedule.InvalidCrontabException}, and computes the next firing minute.
 */
@Export
@Version("1.0.0")
package io.ovsworkers.api.schedule;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
