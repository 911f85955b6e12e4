package io.ovsworkers.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryTest {

    @Test
    void defaultsAreCelerys() {
        Retry retry = new Retry();
        assertEquals(Optional.of(Duration.ofSeconds(180)), retry.countdown());
        assertEquals(3, retry.maxRetries());
        assertEquals("Retry in 180s", retry.getMessage());
    }

    @Test
    void aCountdownRunsThatLongAfterTheRequest() {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        IOException cause = new IOException("disk busy");
        Retry retry = new Retry(Duration.ofMillis(1500), Retry.UNLIMITED, cause);
        assertEquals(now.plusMillis(1500), retry.runAt(now));
        assertEquals("Retry in 1.5s: java.io.IOException: disk busy", retry.getMessage());
        assertEquals(cause, retry.getCause());
    }

    @Test
    void anEtaIsKeptAsGiven() {
        Instant eta = Instant.parse("2026-12-03T12:00:00Z");
        Retry retry = new Retry(eta, 1, null);
        assertEquals(eta, retry.runAt(Instant.EPOCH));
        assertTrue(retry.countdown().isEmpty());
    }

    @Test
    void impossibleValuesAreRefusedWithTheirName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Retry(Duration.ofSeconds(-1))).getMessage().contains("countdown"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Retry(Duration.ZERO, -2, null)).getMessage().contains("maxRetries"));
    }
}
