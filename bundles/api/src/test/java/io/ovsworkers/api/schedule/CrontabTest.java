package io.ovsworkers.api.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.api.OvsTask;
import io.ovsworkers.api.Schedule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing, refusals and firing times of {@link Crontab}, checked by hand; the Celery oracle test does the bulk. */
class CrontabTest {

    @ParameterizedTest(name = "{0}=''{1}'' is {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "MINUTE        | *              | 0-59",
        "MINUTE        | */15           | 0,15,30,45",
        "MINUTE        | 1-30/5         | 1,6,11,16,21,26",
        "MINUTE        | 0,30           | 0,30",
        "MINUTE        | \"0, 30\"      | 0,30",
        "MINUTE        | 50-10/5        | 0,5,10,50,55",
        "MINUTE        | 59-0           | 0,59",
        "MINUTE        | 1-5/2/3        | 1,3,5",
        "MINUTE        | \"1-5 x\"      | 1-5",
        "MINUTE        | \"*/15 x\"     | 0,15,30,45",
        "MINUTE        | *,*            | 0-59",
        "MINUTE        | 05             | 5",
        "MINUTE        | mon            | 1",
        "HOUR          | 1_0            | 10",
        "HOUR          | \" +5 \"       | 5",
        "HOUR          | \u0663         | 3",
        "HOUR          | 0,8-17/2       | 0,8,10,12,14,16",
        "DAY_OF_WEEK   | *              | 0-6",
        "DAY_OF_WEEK   | mon-fri        | 1-5",
        "DAY_OF_WEEK   | fri-mon        | 0,1,5,6",
        "DAY_OF_WEEK   | sat-sun        | 0,6",
        "DAY_OF_WEEK   | SUNDAY,Wed     | 0,3",
        "DAY_OF_WEEK   | monkey         | 1",
        "DAY_OF_WEEK   | \"mon \"       | 1",
        "DAY_OF_WEEK   | mon-           | 1",
        "DAY_OF_WEEK   | fri/2          | 5",
        "DAY_OF_WEEK   | sun-sat/2      | 0,2,4,6",
        "DAY_OF_MONTH  | *              | 1-31",
        "DAY_OF_MONTH  | */3            | 1,4,7,10,13,16,19,22,25,28,31",
        "DAY_OF_MONTH  | 31-2           | 1,2,31",
        "DAY_OF_MONTH  | sat            | 6",
        "MONTH_OF_YEAR | 2-12/2         | 2,4,6,8,10,12",
        "MONTH_OF_YEAR | mon            | 1",
    })
    void expandsLikeCelery(CrontabField field, String spec, String expected) {
        assertEquals(parseValues(expected), values(field.expand(spec)));
    }

    @ParameterizedTest(name = "{0}=''{1}'' is refused: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "MINUTE        | 60         | 60 is out of range 0-59",
        "MINUTE        | 0-60       | 60 is out of range 0-59",
        "MINUTE        | \"\"       | empty element in the list",
        "MINUTE        | 5,         | empty element in the list",
        "MINUTE        | */0        | step must not be 0",
        "MINUTE        | 1-5/00     | step must not be 0",
        "MINUTE        | */         | no step after '/' in '*/'",
        "MINUTE        | \"*/ 5\"   | no step after '/' in '*/ 5'",
        "MINUTE        | 1-5/       | no step after '/' in '1-5/'",
        "MINUTE        | */x        | step 'x' is not a number",
        "MINUTE        | 5/15       | '5/15' is not a number",
        "MINUTE        | \" 1-5\"   | ' 1-5' is not a number",
        "MINUTE        | \"1 - 5\"  | '1 - 5' is not a number",
        "MINUTE        | 5_         | '5_' is not a number",
        "MINUTE        | 0x5        | '0x5' is not a number",
        "MINUTE        | -5         | negative numbers are not supported: '-5'",
        "MINUTE        | \"* \"     | '* ' is not a number",
        "HOUR          | 24         | 24 is out of range 0-23",
        "HOUR          | \" -1\"    | -1 is out of range 0-23",
        "DAY_OF_WEEK   | 7          | 7 is out of range 0-6",
        "DAY_OF_WEEK   | mon-frx    | unknown day name 'frx'",
        "DAY_OF_WEEK   | \" mon\"   | ' mon' is not a number",
        "DAY_OF_MONTH  | 0          | 0 is out of range 1-31",
        "DAY_OF_MONTH  | 32         | 32 is out of range 1-31",
        "MONTH_OF_YEAR | 13         | 13 is out of range 1-12",
        "MONTH_OF_YEAR | jan        | unknown day name 'jan'",
        "MONTH_OF_YEAR | sun        | 'sun' (0) is out of range 1-12",
    })
    void refusesWhatCeleryRefuses(CrontabField field, String spec, String reason) {
        InvalidCrontabException refusal = assertThrows(InvalidCrontabException.class, () -> field.expand(spec));
        assertEquals(field.fieldName(), refusal.field());
        assertEquals(spec, refusal.value());
        assertEquals("Invalid crontab field " + field.fieldName() + "='" + spec + "': " + reason,
                refusal.getMessage());
    }

    @Test
    void namesTheFieldInTheMessage() {
        InvalidCrontabException refusal = assertThrows(InvalidCrontabException.class,
                () -> Crontab.parse("0", "*", "mon-frx", "*", "*"));
        assertEquals("Invalid crontab field dayOfWeek='mon-frx': unknown day name 'frx'", refusal.getMessage());
        assertEquals("dayOfWeek", refusal.field());
        assertEquals("mon-frx", refusal.value());
    }

    @Test
    void blamesTheFirstWrongFieldInCeleryOrder() {
        InvalidCrontabException refusal = assertThrows(InvalidCrontabException.class,
                () -> Crontab.parse("60", "24", "7", "0", "13"));
        assertEquals("hour", refusal.field());
    }

    @Test
    void refusesAMissingField() {
        InvalidCrontabException refusal = assertThrows(InvalidCrontabException.class,
                () -> Crontab.parse("0", "0", "*", null, "*"));
        assertEquals("Invalid crontab field dayOfMonth: no value", refusal.getMessage());
        assertEquals(null, refusal.value());
    }

    @Test
    void firesEveryMinuteStrictlyAfterTheGivenInstant() {
        Crontab everyMinute = Crontab.parse("*", "*", "*", "*", "*");
        assertEquals(at("2024-01-01T10:06:00Z"), everyMinute.next(Instant.parse("2024-01-01T10:05:00Z")));
        assertEquals(at("2024-01-01T10:06:00Z"), everyMinute.next(Instant.parse("2024-01-01T10:05:59.999Z")));
    }

    @Test
    void crossesMonthAndYearBoundaries() {
        Crontab newYear = Crontab.parse("0", "0", "*", "1", "1");
        assertEquals(at("2025-01-01T00:00:00Z"), newYear.next(Instant.parse("2024-12-31T23:59:59.999Z")));
        assertEquals(at("2026-01-01T00:00:00Z"), newYear.next(Instant.parse("2025-01-01T00:00:00Z")));
        Crontab lastOfMonth = Crontab.parse("30", "23", "*", "31", "*");
        assertEquals(at("2024-03-31T23:30:00Z"), lastOfMonth.next(Instant.parse("2024-01-31T23:30:00Z")));
    }

    @Test
    void findsTheNextLeapDay() {
        Crontab leapDay = Crontab.parse("0", "0", "*", "29", "2");
        assertEquals(at("2028-02-29T00:00:00Z"), leapDay.next(Instant.parse("2024-02-29T00:00:00Z")));
        assertEquals(at("2104-02-29T00:00:00Z"), leapDay.next(Instant.parse("2096-03-01T00:00:00Z")));
    }

    @Test
    void requiresDayOfMonthAndDayOfWeekToMatchBoth() {
        Crontab firstMonday = Crontab.parse("0", "0", "mon", "1-7", "*");
        assertEquals(at("2024-02-05T00:00:00Z"), firstMonday.next(Instant.parse("2024-01-01T00:00:00Z")));
        Crontab leapMonday = Crontab.parse("0", "0", "mon", "29", "2");
        ZonedDateTime found = leapMonday.next(Instant.parse("2016-02-29T00:00:00Z")).orElseThrow()
                .atZone(ZoneOffset.UTC);
        assertEquals(DayOfWeek.MONDAY, found.getDayOfWeek());
        assertEquals(Month.FEBRUARY, found.getMonth());
        assertEquals(29, found.getDayOfMonth());
        assertTrue(found.getYear() > 2016);
    }

    @Test
    void neverFiresOnDaysNoAllowedMonthHas() {
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        assertEquals(Optional.empty(), Crontab.parse("0", "0", "*", "31", "2").next(start));
        assertEquals(Optional.empty(), Crontab.parse("0", "0", "*", "30,31", "2").next(start));
        assertEquals(Optional.empty(), Crontab.parse("0", "0", "mon", "31", "4,6,9,11").next(start));
    }

    @Test
    void equalWhenFiringAtTheSameMinutes() {
        Crontab halfHourly = Crontab.parse("0,30", "*", "*", "*", "*");
        Crontab sameSpelledOtherwise = Crontab.parse("*/30", "*", "sun-sat", "*", "1-12");
        assertEquals(halfHourly, sameSpelledOtherwise);
        assertEquals(halfHourly.hashCode(), sameSpelledOtherwise.hashCode());
        assertNotEquals(halfHourly, Crontab.parse("0,30", "*", "mon", "*", "*"));
    }

    @Test
    void printsTheFieldsInStandardCronOrder() {
        Crontab crontab = Crontab.parse("5", "4", "mon-fri", "1-7", "*/2");
        assertEquals("5 4 1-7 */2 mon-fri", crontab.toString());
        assertEquals(List.of("5", "4", "mon-fri", "1-7", "*/2"), List.of(crontab.minute(), crontab.hour(),
                crontab.dayOfWeek(), crontab.dayOfMonth(), crontab.monthOfYear()));
    }

    @OvsTask(name = "ovs.test.cleanup", schedule = @Schedule(minute = "0", hour = "4"))
    private static void scheduledTask() {
    }

    @Test
    void readsTheScheduleAnnotation() throws NoSuchMethodException {
        Schedule schedule = CrontabTest.class.getDeclaredMethod("scheduledTask")
                .getAnnotation(OvsTask.class).schedule()[0];
        assertEquals(Crontab.parse("0", "4", "*", "*", "*"), Crontab.of(schedule));
        assertEquals("0 4 * * *", Crontab.of(schedule).toString());
    }

    private static Optional<Instant> at(String instant) {
        return Optional.of(Instant.parse(instant));
    }

    /** Values written as {@code 1,3,5} or {@code 0-59}. */
    private static List<Integer> parseValues(String text) {
        List<Integer> values = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] bounds = part.split("-");
            IntStream.rangeClosed(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[bounds.length - 1]))
                    .forEach(values::add);
        }
        return values;
    }

    static List<Integer> values(long mask) {
        return IntStream.range(0, Long.SIZE).filter(value -> (mask & (1L << value)) != 0).boxed().toList();
    }
}
