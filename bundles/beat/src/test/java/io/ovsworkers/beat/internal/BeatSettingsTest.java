package io.ovsworkers.beat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ovsworkers.beat.internal.BeatSettings.InvalidConfiguration;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings of PID io.ovsworkers.beat, as a .cfg file gives them (text) or typed. */
class BeatSettingsTest {

    @Test
    void defaults() throws InvalidConfiguration {
        assertEquals(new BeatSettings(true, Duration.ofSeconds(5), MissedPolicy.FIRE_LATEST_ONCE),
                BeatSettings.from(Map.of()));
    }

    @Test
    void textAndTypedValues() throws InvalidConfiguration {
        assertEquals(new BeatSettings(false, Duration.ofSeconds(3), MissedPolicy.SKIP),
                BeatSettings.from(Map.of("enabled", "false", "leaseSeconds", " 3 ", "missedPolicy", "skip")));
        assertEquals(new BeatSettings(true, Duration.ofSeconds(10), MissedPolicy.FIRE_LATEST_ONCE),
                BeatSettings.from(Map.of("enabled", true, "leaseSeconds", 10, "missedPolicy", "fire-latest-once")));
    }

    @Test
    void aBadValueIsRefusedNamingPidAndKey() {
        assertEquals("Refused configuration io.ovsworkers.beat: key 'leaseSeconds' = '0' must be a whole number of"
                + " seconds from 1 to 3600", refusal(Map.of("leaseSeconds", "0")));
        assertEquals("Refused configuration io.ovsworkers.beat: key 'leaseSeconds' = 'five' must be a whole number of"
                + " seconds from 1 to 3600", refusal(Map.of("leaseSeconds", "five")));
        assertEquals("Refused configuration io.ovsworkers.beat: key 'missedPolicy' = 'catch-up' must be one of"
                + " fire-latest-once, skip", refusal(Map.of("missedPolicy", "catch-up")));
        assertEquals("Refused configuration io.ovsworkers.beat: key 'enabled' = 'yes' must be true or false",
                refusal(Map.of("enabled", "yes")));
    }

    private static String refusal(Map<String, ?> properties) {
        return assertThrows(InvalidConfiguration.class, () -> BeatSettings.from(properties)).getMessage();
    }
}
