package io.ovsworkers.celery.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/** ISO-8601 instants as Celery writes them: Python's {@code datetime.isoformat()} with a {@code +00:00} offset. */
final class CeleryTimes {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    private CeleryTimes() {
    }

    /**
     * Reads an instant with an offset ({@code +00:00}, {@code Z}) or without one; a naive time is UTC, which is
     * Celery's default {@code timezone} and what it uses for naive values.
     */
    static Instant parse(String text) {
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text.trim());
        LocalDateTime local = LocalDateTime.from(parsed);
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS))).toInstant();
        }
        return local.toInstant(ZoneOffset.UTC);
    }

    /** Writes microsecond precision, leaving the fraction out when it is zero, as Python does. */
    static String format(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        return (utc.getNano() == 0 ? SECONDS : MICROS).format(utc) + "+00:00";
    }
}
