/**
 * What beat, the scheduler of {@link io.ovsworkers.api.OvsTask} schedules, reports about itself: the
 * {@link io.ovsworkers.beat.Beat} service lists each scheduled task with its crontab, where the crontab comes from,
 * its last and next run, and names the node that leads.
 */
@Export
@Version("1.0.0")
package io.ovsworkers.beat;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
