package io.ovsworkers.celery.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Address;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmqpUrisTest {

    @Test
    void readsAFailoverListAsKombuDoes() {
        AmqpUris uris = AmqpUris.parse(new String[] {"amqp://ovs:0penv5tor4ge@10.0.0.1:5672//",
                "amqp://ovs:0penv5tor4ge@10.0.0.2//"});
        assertEquals(List.of(new Address("10.0.0.1", 5672), new Address("10.0.0.2", 5672)), uris.addresses());
        assertEquals("ovs", uris.username());
        assertEquals("0penv5tor4ge", uris.password());
        assertEquals("/", uris.virtualHost());
        assertEquals("/", AmqpUris.parse(new String[] {"amqp://h"}).virtualHost());
        assertEquals("ovs", AmqpUris.parse(new String[] {"amqp://h/ovs"}).virtualHost());
        assertFalse(uris.toString().contains("0penv5tor4ge"));
    }

    @Test
    void readsSeveralUrisInOneValueAsACfgFileHoldsThem() {
        assertEquals(List.of(new Address("h1", 5672), new Address("h2", 5673), new Address("h3", 5672)),
                AmqpUris.parse(new String[] {"amqp://u:p@h1//; amqp://u:p@h2:5673//,amqp://u:p@h3//"}).addresses());
    }

    @Test
    void masksPasswords() {
        assertEquals("amqp://ovs:****@10.0.0.1:5672/", AmqpUris.mask("amqp://ovs:secret@10.0.0.1:5672/"));
        assertEquals("amqp://10.0.0.1", AmqpUris.mask("amqp://10.0.0.1"));
    }

    @Test
    void refusesBadUrisNamingPidAndKeyWithoutThePassword() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> AmqpUris.parse(new String[0]));
        assertTrue(none.getMessage().startsWith("io.ovsworkers.broker.rabbitmq: uris "), none.getMessage());

        IllegalArgumentException scheme = assertThrows(IllegalArgumentException.class,
                () -> AmqpUris.parse(new String[] {"http://u:secret@h/"}));
        assertTrue(scheme.getMessage().contains("uris[0]"), scheme.getMessage());
        assertFalse(scheme.getMessage().contains("secret"), scheme.getMessage());

        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> AmqpUris.parse(new String[] {"amqp://a:x@h1/", "amqp://b:secret@h2/"}));
        assertTrue(mixed.getMessage().contains("uris[1]"), mixed.getMessage());
        assertFalse(mixed.getMessage().contains("secret"), mixed.getMessage());
    }
}
