package io.ovsworkers.celery.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.spi.BackendException;
import java.lang.annotation.Annotation;
import org.junit.jupiter.api.Test;

/** Bad configuration is refused before any connection, naming the PID and the key. */
class RabbitMqConfigurationTest {

    @Test
    void refusesBadValuesNamingPidAndKey() {
        assertRefused(config("", 10, "amqp://guest:guest@127.0.0.1:5672/"), "exchange must not be empty");
        assertRefused(config("generic", -1, "amqp://guest:guest@127.0.0.1:5672/"), "heartbeat must be at least 0, got -1");
        assertRefused(config("generic", 10, "rabbit://u:hidden@h/"), "uris[0]");
    }

    @Test
    void anUnreachableBrokerFailsActivationWithoutThePassword() {
        BackendException e = assertThrows(BackendException.class,
                () -> new RabbitMqBroker(config("generic", 10, "amqp://guest:hidden@127.0.0.1:1/")));
        assertTrue(e.getMessage().contains("amqp://guest:****@127.0.0.1:1/"), e.getMessage());
        assertFalse(e.getMessage().contains("hidden"), e.getMessage());
    }

    private static void assertRefused(RabbitMqConfiguration config, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RabbitMqBroker(config));
        assertTrue(e.getMessage().startsWith(RabbitMqConfiguration.PID + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertFalse(e.getMessage().contains("hidden"), e.getMessage());
    }

    private static RabbitMqConfiguration config(String exchange, int heartbeat, String uri) {
        return new RabbitMqConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return RabbitMqConfiguration.class;
            }

            @Override
            public String[] uris() {
                return new String[] {uri};
            }

            @Override
            public String exchange() {
                return exchange;
            }

            @Override
            public int heartbeat() {
                return heartbeat;
            }

            @Override
            public int connectionTimeout() {
                return 2;
            }

            @Override
            public int publishTimeout() {
                return 5;
            }

            @Override
            public int recoveryInterval() {
                return 1;
            }

            @Override
            public int maxBodyBytes() {
                return 1024;
            }
        };
    }
}
