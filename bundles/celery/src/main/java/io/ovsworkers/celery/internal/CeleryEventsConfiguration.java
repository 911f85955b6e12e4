package io.ovsworkers.celery.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "OVS Workers Celery events",
        description = "Celery task and worker events on the celeryev exchange, for celery events and Flower; sent while this configuration exists")
public @interface CeleryEventsConfiguration {
    String PID = "io.ovsworkers.celery.events";

    @AttributeDefinition(description = "Seconds between worker-heartbeat events (Celery's 2; monitors count a worker offline after missing a few)")
    double heartbeatSeconds() default 2.0;

    @AttributeDefinition(description = "Whether to send task-sent for the tasks this node sends (Celery's task_send_sent_event, off by default)")
    boolean taskSentEvents() default false;
}
