package io.ovsworkers.beat.internal;

import java.util.Arrays;
import java.util.Optional;

/** What the leader does with slots that passed while no leader ran. */
enum MissedPolicy {
    /** Fire the latest missed slot once; earlier ones are dropped, as Celery's beat does after a restart. */
    FIRE_LATEST_ONCE("fire-latest-once"),
    /** Fire none of them; the next slot fires on time. */
    SKIP("skip");

    private final String configValue;

    MissedPolicy(String configValue) {
        this.configValue = configValue;
    }

    String configValue() {
        return configValue;
    }

    static Optional<MissedPolicy> fromConfigValue(String value) {
        return Arrays.stream(values()).filter(policy -> policy.configValue.equals(value)).findFirst();
    }
}
