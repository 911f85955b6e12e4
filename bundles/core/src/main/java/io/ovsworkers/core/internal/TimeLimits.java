package io.ovsworkers.core.internal;

import io.ovsworkers.spi.TaskMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's soft and hard time limits, as Celery's worker takes them: each from the message's {@code timelimit}
 * header {@code [hard, soft]} (Celery's order: time_limit, soft_time_limit; seconds, null for none given) or else
 * the worker's default.
 *
 * @param soft when the task's thread is interrupted, or null for no limit
 * @param hard when the worker stops waiting for the task and fails it, or null for no limit
 */
record TimeLimits(Duration soft, Duration hard) {
    static final String HEADER = "timelimit";
    private static final Logger LOG = LoggerFactory.getLogger(TimeLimits.class);

    /**
     * @param defaultSoftSeconds the worker's soft limit, 0 for none
     * @param defaultHardSeconds the worker's hard limit, 0 for none
     */
    static TimeLimits of(TaskMessage message, int defaultSoftSeconds, int defaultHardSeconds) {
        Object header = message.headers().get(HEADER);
        List<?> given = header instanceof List<?> pair && pair.size() == 2 ? pair : List.of();
        if (header != null && given.isEmpty()) {
            LOG.warn("Task {} [{}] has a timelimit header that is not [hard, soft]: {}; the worker's limits apply",
                    message.task(), message.id(), header);
        }
        return new TimeLimits(limit(message, given, 1, defaultSoftSeconds), limit(message, given, 0, defaultHardSeconds));
    }

    Optional<Duration> softLimit() {
        return Optional.ofNullable(soft);
    }

    Optional<Duration> hardLimit() {
        return Optional.ofNullable(hard);
    }

    private static Duration limit(TaskMessage message, List<?> given, int index, int defaultSeconds) {
        Object value = given.isEmpty() ? null : given.get(index);
        if (value instanceof Number seconds && seconds.doubleValue() > 0) {
            return Duration.ofNanos(Math.round(seconds.doubleValue() * 1e9));
        }
        if (value != null) {
            LOG.warn("Task {} [{}] has a time limit that is not a positive number of seconds: {}; the worker's limit applies",
                    message.task(), message.id(), value);
        }
        return defaultSeconds > 0 ? Duration.ofSeconds(defaultSeconds) : null;
    }
}
