package io.ovsworkers.celery.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "OVS Workers RabbitMQ broker",
        description = "Task messages on RabbitMQ with Celery's topology and message protocol")
public @interface RabbitMqConfiguration {
    String PID = "io.ovsworkers.broker.rabbitmq";

    @AttributeDefinition(description = "amqp://user:password@host:port/vhost URIs of the cluster's nodes, tried in"
            + " order for failover; all name the same user, password and virtual host")
    String[] uris();

    @AttributeDefinition(description = "Topic exchange tasks are published to (Celery's task_default_exchange)")
    String exchange() default "generic";

    @AttributeDefinition(description = "AMQP heartbeat in seconds (Celery's broker_heartbeat); 0 turns it off")
    int heartbeat() default 10;

    @AttributeDefinition(description = "Seconds to wait for a TCP connection and the AMQP handshake")
    int connectionTimeout() default 10;

    @AttributeDefinition(description = "Seconds a publish may wait for the broker's confirm, across reconnects")
    int publishTimeout() default 30;

    @AttributeDefinition(description = "Seconds between reconnection attempts after the connection was lost")
    int recoveryInterval() default 2;

    @AttributeDefinition(description = "Task message bodies larger than this many bytes are dead-lettered unread")
    int maxBodyBytes() default 16 * 1024 * 1024;
}
