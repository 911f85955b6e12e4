package io.ovsworkers.celery.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "OVS Workers rpc:// results",
        description = "Task results as Celery's rpc backend sends them: to the caller's reply queue on RabbitMQ")
public @interface RpcResultsConfiguration {
    String PID = "io.ovsworkers.results.rpc";

    @AttributeDefinition(description = "Seconds this node's reply queue outlives its last consumer"
            + " (Celery's result_expires, sent as the queue's x-expires)")
    int resultExpires() default 86400;

    @AttributeDefinition(description = "Whether result messages are persistent (Celery's result_persistent)")
    boolean persistent() default false;

    @AttributeDefinition(description = "Results kept in memory for this node's callers; the oldest go first")
    int maxKept() default 100_000;
}
