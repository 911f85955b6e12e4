package io.ovsworkers.beat.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of beat, PID {@value #PID}; with none, the defaults serve. */
@ObjectClassDefinition(id = BeatConfig.PID, name = "OVS Workers beat",
        description = "Fires the scheduled tasks: one master leads through a lease in the key-value store")
public @interface BeatConfig {

    String PID = "io.ovsworkers.beat";

    @AttributeDefinition(name = "Enabled", description = "Whether this node may lead beat; only masters ever do")
    boolean enabled() default true;

    @AttributeDefinition(name = "Lease seconds", min = "1", max = "3600",
            description = "Length of the leader lease: the leader renews it every half lease; another master takes"
                    + " over within about two lease periods after the leader is gone")
    int leaseSeconds() default 5;

    @AttributeDefinition(name = "Missed slots",
            description = "What happens to slots missed while no leader ran (more than two lease periods late):"
                    + " fire the latest one once, or skip them",
            options = {@Option(label = "fire the latest missed slot once", value = "fire-latest-once"),
                    @Option(label = "skip missed slots", value = "skip")})
    String missedPolicy() default "fire-latest-once";

    @AttributeDefinition(name = "Schedule overrides",
            description = "JSON object, the original's /ovs/framework/scheduling/celery: task name to null (not"
                    + " scheduled) or to an object of crontab fields minute, hour, day_of_week, day_of_month,"
                    + " month_of_year (missing fields are '*'), which replaces the schedule in code")
    String overrides() default "";
}
