package io.ovsworkers.beat.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The validated settings of beat, apart from the overrides (an invalid override disables its task only).
 *
 * @param enabled whether this node may lead
 * @param lease length of the leader lease
 * @param missedPolicy what happens to slots missed while no leader ran
 */
record BeatSettings(boolean enabled, Duration lease, MissedPolicy missedPolicy) {

    static final BeatSettings DEFAULTS = new BeatSettings(true, Duration.ofSeconds(5), MissedPolicy.FIRE_LATEST_ONCE);

    private static final int MAX_LEASE_SECONDS = 3600;

    /** The leader renews its lease, and the others look at it, this often. */
    Duration renewInterval() {
        return lease.dividedBy(2);
    }

    /** A slot found later than this was missed: no leader ran when it was due. */
    Duration missedAfter() {
        return lease.multipliedBy(2);
    }

    /**
     * Reads the settings from a configuration dictionary, where a {@code .cfg} file gives every value as text.
     *
     * @throws InvalidConfiguration naming the key and the value, for the first value that is refused
     */
    static BeatSettings from(Map<String, ?> properties) throws InvalidConfiguration {
        return new BeatSettings(enabled(properties.get("enabled")), lease(properties.get("leaseSeconds")),
                missedPolicy(properties.get("missedPolicy")));
    }

    private static boolean enabled(Object value) throws InvalidConfiguration {
        if (value == null) {
            return DEFAULTS.enabled;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        String text = String.valueOf(value).trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new InvalidConfiguration("enabled", value, "true or false");
    }

    private static Duration lease(Object value) throws InvalidConfiguration {
        if (value == null) {
            return DEFAULTS.lease;
        }
        String expectation = "a whole number of seconds from 1 to " + MAX_LEASE_SECONDS;
        long seconds;
        if (value instanceof Number number && number.doubleValue() == number.longValue()) {
            seconds = number.longValue();
        } else {
            try {
                seconds = Long.parseLong(String.valueOf(value).trim());
            } catch (NumberFormatException e) {
                throw new InvalidConfiguration("leaseSeconds", value, expectation);
            }
        }
        if (seconds < 1 || seconds > MAX_LEASE_SECONDS) {
            throw new InvalidConfiguration("leaseSeconds", value, expectation);
        }
        return Duration.ofSeconds(seconds);
    }

    private static MissedPolicy missedPolicy(Object value) throws InvalidConfiguration {
        if (value == null) {
            return DEFAULTS.missedPolicy;
        }
        return MissedPolicy.fromConfigValue(String.valueOf(value).trim()).orElseThrow(() -> new InvalidConfiguration(
                "missedPolicy", value, "one of " + Arrays.stream(MissedPolicy.values())
                        .map(MissedPolicy::configValue).collect(Collectors.joining(", "))));
    }

    /** A configuration value that was refused. */
    static final class InvalidConfiguration extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidConfiguration(String key, Object value, String expectation) {
            super("Refused configuration " + BeatConfig.PID + ": key '" + key + "' = '" + value + "' must be "
                    + expectation, null, false, false);
        }
    }
}
