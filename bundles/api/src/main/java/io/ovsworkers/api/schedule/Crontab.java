package io.ovsworkers.api.schedule;

import io.ovsworkers.api.Schedule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A crontab schedule with the semantics of Celery 5.2's {@code celery.schedules.crontab}, evaluated in UTC.
 *
 * <p>Fields take what Celery takes: {@code *}, numbers, ranges ({@code 1-5}), steps ({@code *}{@code /15},
 * {@code 1-30/5}), comma-separated lists, and weekday names; whatever Celery refuses is refused. Minutes run from
 * 0 to 59, hours from 0 to 23, days of the week from 0 = Sunday to 6 = Saturday ({@code 7} is refused, as in
 * Celery), days of the month from 1 to 31 and months from 1 to 12.
 *
 * <p>Celery's parser is built on prefix-matching regular expressions and Python's {@code int()}, which makes it
 * lenient in ways that are kept here on purpose, so that every schedule Celery accepts means the same here:
 * <ul>
 * <li>each comma-separated part is tried as {@code a-b/n}, {@code a-b}, {@code *}{@code /n}, {@code *}, and
 * otherwise read as one number; the first three only need to match a prefix, so what follows them is ignored
 * ({@code 1-5/2/3} is {@code 1-5/2}, {@code 1-5 x} is {@code 1-5});</li>
 * <li>a part that is one number is read by Python's {@code int()}: surrounding whitespace, a {@code +} sign,
 * {@code _} between digits and non-ASCII decimal digits are accepted ({@code 0, 30} is fine), whereas range
 * bounds and steps are runs of word characters only ({@code 0-5, 10-15} is refused for its leading space);</li>
 * <li>where a number is expected, any text whose first three letters name a weekday ({@code sun}..{@code sat},
 * any case) stands for that day's number, Sunday being 0, in every field: {@code monday} and {@code monkey}
 * are 1, and {@code mon} as a month is January; month names are not understood;</li>
 * <li>a range whose end is below its start wraps around ({@code fri-mon} is 5, 6, 0, 1) and a step keeps every
 * n-th value of the range in that order, starting with the first ({@code 50-10/5} is 50, 55, 0, 5, 10);
 * {@code a/n} without a range is refused.</li>
 * </ul>
 *
 * <p>A minute fires when minute, hour, day of month, month <em>and</em> day of week all match. Unlike Vixie cron,
 * which fires when either the day of month or the day of week matches, Celery requires both: {@code dayOfWeek=1,
 * dayOfMonth=1-7} is the first Monday of the month.
 *
 * <p>Instances are immutable. Two crontabs are equal when they fire at the same minutes, as in Celery, even if
 * written differently ({@code 0,30} and {@code *}{@code /30}).
 */
public final class Crontab {
    /** The Gregorian calendar, weekdays included, repeats itself every 400 years. */
    private static final int MONTHS_IN_GREGORIAN_CYCLE = 400 * 12;

    private final String minute;
    private final String hour;
    private final String dayOfWeek;
    private final String dayOfMonth;
    private final String monthOfYear;
    private final long minutes;
    private final long hours;
    private final long daysOfWeek;
    private final long daysOfMonth;
    private final long monthsOfYear;

    private Crontab(String minute, String hour, String dayOfWeek, String dayOfMonth, String monthOfYear) {
        // Celery expands the hour first, so the same field is blamed when several are wrong.
        this.hours = CrontabField.HOUR.expand(hour);
        this.minutes = CrontabField.MINUTE.expand(minute);
        this.daysOfWeek = CrontabField.DAY_OF_WEEK.expand(dayOfWeek);
        this.daysOfMonth = CrontabField.DAY_OF_MONTH.expand(dayOfMonth);
        this.monthsOfYear = CrontabField.MONTH_OF_YEAR.expand(monthOfYear);
        this.minute = minute;
        this.hour = hour;
        this.dayOfWeek = dayOfWeek;
        this.dayOfMonth = dayOfMonth;
        this.monthOfYear = monthOfYear;
    }

    /**
     * Parses the five fields in the order of Celery's {@code crontab(minute, hour, day_of_week, day_of_month,
     * month_of_year)}.
     *
     * @throws InvalidCrontabException naming the first wrong field (in Celery's order: hour, minute, dayOfWeek,
     *                                 dayOfMonth, monthOfYear) if Celery would refuse the schedule
     */
    public static Crontab parse(String minute, String hour, String dayOfWeek, String dayOfMonth,
            String monthOfYear) {
        return new Crontab(minute, hour, dayOfWeek, dayOfMonth, monthOfYear);
    }

    /**
     * The crontab of a task's {@link Schedule} annotation.
     *
     * @throws InvalidCrontabException if Celery would refuse the schedule
     */
    public static Crontab of(Schedule schedule) {
        return parse(schedule.minute(), schedule.hour(), schedule.dayOfWeek(), schedule.dayOfMonth(),
                schedule.monthOfYear());
    }

    /**
     * The first minute strictly after {@code after} at which Celery's crontab fires: seconds and below are
     * dropped, as Celery does.
     *
     * @return empty if the schedule never fires because no month it allows has a day it allows (for example
     *         {@code dayOfMonth=30, monthOfYear=2}); Celery's beat gives up on such a schedule with
     *         "unable to rollover"
     * @throws java.time.DateTimeException if the answer would lie beyond the year 999,999,999
     */
    public Optional<Instant> next(Instant after) {
        LocalDateTime start = LocalDateTime.ofInstant(after, ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MINUTES)
                .plusMinutes(1);
        LocalDate startDate = start.toLocalDate();
        YearMonth month = YearMonth.from(startDate);
        // A firing date on or after the start has an equivalent less than one cycle after the start.
        for (int monthsAhead = 0; monthsAhead <= MONTHS_IN_GREGORIAN_CYCLE; monthsAhead++) {
            if (matches(monthsOfYear, month.getMonthValue())) {
                int firstDay = monthsAhead == 0 ? startDate.getDayOfMonth() : 1;
                for (int day = firstDay; day <= month.lengthOfMonth(); day++) {
                    LocalDate date = month.atDay(day);
                    if (matches(daysOfMonth, day) && matches(daysOfWeek, date.getDayOfWeek().getValue() % 7)) {
                        Optional<LocalTime> time =
                                firstTimeFrom(date.equals(startDate) ? start.toLocalTime() : LocalTime.MIDNIGHT);
                        if (time.isPresent()) {
                            return Optional.of(date.atTime(time.get()).toInstant(ZoneOffset.UTC));
                        }
                    }
                }
            }
            month = month.plusMonths(1);
        }
        return Optional.empty();
    }

    /** The first firing time of day at or after {@code from}, on a day that fires. */
    private Optional<LocalTime> firstTimeFrom(LocalTime from) {
        int firstMinute = from.getMinute();
        for (int hourOfDay = from.getHour(); hourOfDay <= CrontabField.HOUR.max(); hourOfDay++) {
            long minutesLeft = minutes & (-1L << firstMinute);
            if (matches(hours, hourOfDay) && minutesLeft != 0) {
                return Optional.of(LocalTime.of(hourOfDay, Long.numberOfTrailingZeros(minutesLeft)));
            }
            firstMinute = 0;
        }
        return Optional.empty();
    }

    private static boolean matches(long values, int value) {
        return (values & (1L << value)) != 0;
    }

    /** The minute field as written. */
    public String minute() {
        return minute;
    }

    /** The hour field as written. */
    public String hour() {
        return hour;
    }

    /** The day-of-week field as written; 0 is Sunday. */
    public String dayOfWeek() {
        return dayOfWeek;
    }

    /** The day-of-month field as written. */
    public String dayOfMonth() {
        return dayOfMonth;
    }

    /** The month field as written. */
    public String monthOfYear() {
        return monthOfYear;
    }

    /** Equal when both fire at the same minutes, whatever the fields' spelling. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Crontab that
                && minutes == that.minutes
                && hours == that.hours
                && daysOfWeek == that.daysOfWeek
                && daysOfMonth == that.daysOfMonth
                && monthsOfYear == that.monthsOfYear;
    }

    @Override
    public int hashCode() {
        return Objects.hash(minutes, hours, daysOfWeek, daysOfMonth, monthsOfYear);
    }

    /** The fields as written, in standard cron order: {@code minute hour dayOfMonth monthOfYear dayOfWeek}. */
    @Override
    public String toString() {
        return minute + " " + hour + " " + dayOfMonth + " " + monthOfYear + " " + dayOfWeek;
    }
}
