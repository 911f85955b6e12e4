package io.ovsworkers.celery.internal;

import com.rabbitmq.client.AMQP;

/** A message as it travels on AMQP: where it is published to, its properties (with the headers) and its body. */
record AmqpMessage(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
}
