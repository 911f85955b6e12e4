package io.ovsworkers.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown by a task to be run again later, Celery's {@code self.retry(countdown=..., max_retries=..., exc=...)}.
 *
 * <p>A worker that sees a task end with this exception sends the task's message again with the same task id, the
 * same arguments and options, {@code retries} one higher and an eta {@link #countdown()} from now (or at
 * {@link #eta()}); it stores state {@link TaskState#RETRY} and acknowledges the message it ran. When the retry
 * would exceed {@link #maxRetries()}, the task fails instead: with {@link #getCause() the exception given here} if
 * there is one, otherwise with Celery's {@code MaxRetriesExceededError}. The count of earlier retries travels in
 * the message's Celery {@code retries} header, so Python and Java workers count the same retries.
 *
 * <p>An inline call ({@code call}, {@code apply}) does not retry: as in Celery when a task is called directly, it
 * fails with a {@link TaskFailedException} whose cause is this exception.
 */
public class Retry extends OvsWorkersException {
    private static final long serialVersionUID = 1L;

    /** Celery's {@code Task.max_retries}. */
    public static final int DEFAULT_MAX_RETRIES = 3;
    /** Celery's {@code Task.default_retry_delay}. */
    public static final Duration DEFAULT_COUNTDOWN = Duration.ofMinutes(3);
    /** A {@link #maxRetries()} that never stops retrying, Celery's {@code max_retries=None}. */
    public static final int UNLIMITED = -1;

    private final Duration countdown;
    private final Instant eta;
    private final int maxRetries;

    /** Retries after Celery's default delay, at most {@value #DEFAULT_MAX_RETRIES} times. */
    public Retry() {
        this(DEFAULT_COUNTDOWN, DEFAULT_MAX_RETRIES, null);
    }

    /** Retries after {@code countdown}, at most {@value #DEFAULT_MAX_RETRIES} times. */
    public Retry(Duration countdown) {
        this(countdown, DEFAULT_MAX_RETRIES, null);
    }

    /**
     * @param countdown how long from now the task runs again; not negative
     * @param maxRetries retries allowed in all, or {@link #UNLIMITED}
     * @param cause why the task retries; the task fails with it once the retries are used up; may be null
     */
    public Retry(Duration countdown, int maxRetries, Throwable cause) {
        super(describe("in " + seconds(countdown) + "s", cause), cause);
        if (countdown.isNegative()) {
            throw new IllegalArgumentException("Retry countdown must not be negative, got " + countdown);
        }
        this.countdown = countdown;
        this.eta = null;
        this.maxRetries = checked(maxRetries);
    }

    /**
     * @param eta when the task runs again
     * @param maxRetries retries allowed in all, or {@link #UNLIMITED}
     * @param cause why the task retries; the task fails with it once the retries are used up; may be null
     */
    public Retry(Instant eta, int maxRetries, Throwable cause) {
        super(describe("at " + Objects.requireNonNull(eta, "eta"), cause), cause);
        this.countdown = null;
        this.eta = eta;
        this.maxRetries = checked(maxRetries);
    }

    /** How long after the retry is requested the task runs again; empty when an {@link #eta()} was given. */
    public Optional<Duration> countdown() {
        return Optional.ofNullable(countdown);
    }

    /** When the task runs again; empty when a {@link #countdown()} was given. */
    public Optional<Instant> eta() {
        return Optional.ofNullable(eta);
    }

    /** Retries allowed in all, or {@link #UNLIMITED}. */
    public int maxRetries() {
        return maxRetries;
    }

    /** When the retry runs, for a retry requested at {@code now}. */
    public Instant runAt(Instant now) {
        return eta != null ? eta : now.plus(countdown);
    }

    private static int checked(int maxRetries) {
        if (maxRetries < UNLIMITED) {
            throw new IllegalArgumentException("Retry maxRetries must be 0 or more, or UNLIMITED (-1), got " + maxRetries);
        }
        return maxRetries;
    }

    private static String seconds(Duration countdown) {
        Objects.requireNonNull(countdown, "countdown");
        return countdown.toMillis() % 1000 == 0 ? Long.toString(countdown.toSeconds()) : Double.toString(countdown.toMillis() / 1000.0);
    }

    /** Celery's {@code Retry.__str__}: "Retry in 5s" or "Retry at ...", then the cause. */
    private static String describe(String when, Throwable cause) {
        return "Retry " + when + (cause == null ? "" : ": " + cause);
    }
}
