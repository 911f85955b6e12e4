package io.ovsworkers.arakoon.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "OVS Workers Arakoon",
        description = "The key-value store and the result backend on an Arakoon cluster")
public @interface ArakoonConfiguration {
    String PID = "io.ovsworkers.arakoon";

    @AttributeDefinition(description = "The cluster id (the .ini file's cluster_id); may be left out with iniFile")
    String clusterId() default "";

    @AttributeDefinition(description = "The nodes as name=host:port (name=host1,host2:port for several addresses),"
            + " in the order master discovery asks them; give either nodes or iniFile")
    String[] nodes() default {};

    @AttributeDefinition(description = "Path of the cluster's Arakoon .ini file, read for cluster_id, cluster and"
            + " each node's ip and client_port; give either nodes or iniFile")
    String iniFile() default "";

    @AttributeDefinition(description = "Milliseconds one connection attempt to one address may take")
    long connectTimeout() default 2000;

    @AttributeDefinition(description = "Milliseconds one request may wait for its reply before the connection is"
            + " dropped")
    long requestTimeout() default 10000;

    @AttributeDefinition(description = "Milliseconds one operation may spend finding the master and retrying")
    long failoverDeadline() default 30000;

    @AttributeDefinition(description = "Whether reads that allow it go to slaves first")
    boolean readFromSlaves() default false;

    @AttributeDefinition(description = "Connections kept to each node; Arakoon commits writes arriving on several"
            + " connections together, so more raise the write rate of many threads")
    int connectionsPerNode() default 1;

    @AttributeDefinition(description = "Prefix of the result keys: <prefix>celery-task-meta-<task id>")
    String keyPrefix() default "ovs_tasks_";

    @AttributeDefinition(description = "Seconds after which a finished task's result may be removed by the cleanup")
    long resultExpiry() default 86400;

    @AttributeDefinition(description = "Seconds between runs of the expired-result cleanup on this node; 0 turns"
            + " it off")
    long cleanupInterval() default 3600;
}
