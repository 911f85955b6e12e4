package io.ovsworkers.beat.internal;

import static io.ovsworkers.beat.internal.Schedules.scheduled;
import static io.ovsworkers.beat.internal.Schedules.unscheduled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.api.TaskDescription;
import io.ovsworkers.api.schedule.Crontab;
import io.ovsworkers.beat.ScheduleSource;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Schedule overrides from configuration: the scenarios 16 to 20 of the spec's section e, and D6. */
class OverridesTest {
    private static final TaskDescription SNAPSHOT = scheduled("ovs.generic.snapshot_all", "*/5", "3", "mon", "*", "*");
    private static final TaskDescription SCRUB = scheduled("ovs.generic.execute_scrub", "0", "0", "*", "*", "*");
    private static final List<TaskDescription> TASKS = List.of(SNAPSHOT, SCRUB, unscheduled("ovs.generic.manual"));

    @Test
    void withoutOverridesEachTaskUsesItsCrontabFromCode() {
        for (String none : new String[] {null, "", "  ", "null"}) {
            Overrides overrides = Overrides.parse(none);
            assertEquals(List.of(), overrides.problems());
            List<ScheduleEntry> entries = ScheduleEntry.resolve(TASKS, overrides);
            assertEquals(List.of(
                    new ScheduleEntry(SCRUB.name(), ScheduleSource.CODE, SCRUB.schedule(), "generic.default",
                            Optional.empty()),
                    new ScheduleEntry(SNAPSHOT.name(), ScheduleSource.CODE, SNAPSHOT.schedule(), "generic.default",
                            Optional.empty())), entries, "for overrides " + none);
        }
        assertEquals("scheduled from code", ScheduleSource.CODE.description());
    }

    @Test
    void nullDisablesTheTask() {
        Overrides overrides = Overrides.parse("{\"ovs.generic.snapshot_all\": null}");
        ScheduleEntry snapshot = entry(overrides, SNAPSHOT.name());
        assertEquals(ScheduleSource.DISABLED_BY_CONFIGURATION, snapshot.source());
        assertEquals(Optional.empty(), snapshot.crontab());
        assertEquals("disabled by configuration", snapshot.source().description());
        assertEquals(ScheduleSource.CODE, entry(overrides, SCRUB.name()).source());
    }

    @Test
    void anObjectReplacesTheCrontabEntirely() {
        Overrides overrides = Overrides.parse("{\"ovs.generic.snapshot_all\": {\"minute\": \"0\", \"hour\": \"*\"}}");
        ScheduleEntry snapshot = entry(overrides, SNAPSHOT.name());
        assertEquals(ScheduleSource.CONFIGURATION, snapshot.source());
        // hourly at minute 0 on every day: the code's day_of_week=mon does not survive
        assertEquals(Optional.of(Crontab.parse("0", "*", "*", "*", "*")), snapshot.crontab());
        assertEquals("*", snapshot.crontab().get().dayOfWeek());
        assertEquals("scheduled from configuration", snapshot.source().description());
    }

    @Test
    void everyCeleryFieldAndWholeNumbersAreAccepted() {
        Overrides overrides = Overrides.parse("{\"ovs.generic.execute_scrub\": {\"minute\": 30, \"hour\": \"2\","
                + " \"day_of_week\": \"sat,sun\", \"day_of_month\": \"1-7\", \"month_of_year\": \"*/3\"}}");
        assertEquals(Optional.of(Crontab.parse("30", "2", "sat,sun", "1-7", "*/3")),
                entry(overrides, SCRUB.name()).crontab());
    }

    @Test
    void aRootThatIsNotAnObjectIsRefusedAndTheCodeSchedulesApply() {
        for (String root : new String[] {"[]", "\"*/5\"", "42", "true"}) {
            Overrides overrides = Overrides.parse(root);
            assertEquals(1, overrides.problems().size(), root);
            String problem = overrides.problems().get(0);
            assertTrue(problem.contains("io.ovsworkers.beat") && problem.contains("'overrides'")
                    && problem.contains("must be a JSON object"), problem);
            assertEquals(ScheduleSource.CODE, entry(overrides, SNAPSHOT.name()).source());
        }
    }

    @Test
    void invalidJsonIsRefusedAndTheCodeSchedulesApply() {
        Overrides overrides = Overrides.parse("{\"ovs.generic.snapshot_all\": {\"minute\": ");
        assertEquals(1, overrides.problems().size());
        assertTrue(overrides.problems().get(0).contains("is not valid JSON"), overrides.problems().get(0));
        assertEquals(ScheduleSource.CODE, entry(overrides, SNAPSHOT.name()).source());
    }

    @Test
    void anUnknownCrontabKeyDisablesThatTaskOnlyWithOneLineNamingTaskAndField() {
        Overrides overrides = Overrides.parse("{\"ovs.generic.snapshot_all\": {\"minutes\": \"5\"},"
                + " \"ovs.generic.execute_scrub\": {\"minute\": \"15\"}}");
        ScheduleEntry snapshot = entry(overrides, SNAPSHOT.name());
        assertEquals(ScheduleSource.ERROR_IN_CONFIGURATION, snapshot.source());
        assertEquals(Optional.empty(), snapshot.crontab());
        assertEquals(List.of("Configuration io.ovsworkers.beat: key 'overrides': task 'ovs.generic.snapshot_all' is"
                + " not scheduled: unknown crontab field 'minutes' (fields: minute, hour, day_of_week, day_of_month,"
                + " month_of_year)"), overrides.problems());
        assertEquals(snapshot.problem().map(problem -> overrides.problems().get(0).endsWith(problem)),
                Optional.of(true));
        assertEquals(ScheduleSource.CONFIGURATION, entry(overrides, SCRUB.name()).source());
    }

    @Test
    void aValueCeleryRefusesDisablesTheTaskNamingTheField() {
        Overrides overrides = Overrides.parse("{\"ovs.generic.snapshot_all\": {\"day_of_week\": \"8\"}}");
        assertEquals(ScheduleSource.ERROR_IN_CONFIGURATION, entry(overrides, SNAPSHOT.name()).source());
        String problem = overrides.problems().get(0);
        assertTrue(problem.contains("task 'ovs.generic.snapshot_all'") && problem.contains("field day_of_week"),
                problem);
    }

    @Test
    void aTaskValueThatIsNeitherObjectNorNullDisablesTheTask() {
        Overrides overrides = Overrides.parse("{\"ovs.generic.snapshot_all\": \"*/5\","
                + " \"ovs.generic.execute_scrub\": {\"hour\": [1, 2]}}");
        assertEquals(ScheduleSource.ERROR_IN_CONFIGURATION, entry(overrides, SNAPSHOT.name()).source());
        assertEquals(ScheduleSource.ERROR_IN_CONFIGURATION, entry(overrides, SCRUB.name()).source());
        assertEquals(2, overrides.problems().size());
        assertTrue(overrides.problems().get(0).contains("was a string"), overrides.problems().get(0));
        assertTrue(overrides.problems().get(1).contains("field hour must be a string or a whole number, was an array"),
                overrides.problems().get(1));
    }

    @Test
    void overridesOfTasksWithoutScheduleInCodeHaveNoEffect() {
        Overrides overrides = Overrides.parse("{\"ovs.generic.manual\": {\"minute\": \"0\"}, \"alba.gone\": null}");
        assertEquals(List.of(SCRUB.name(), SNAPSHOT.name()),
                ScheduleEntry.resolve(TASKS, overrides).stream().map(ScheduleEntry::task).toList());
    }

    @Test
    void theOriginalsDefaultConfigurationAsACfgLine() throws IOException {
        Properties cfg = new Properties();
        cfg.load(new StringReader("overrides = {\"ovs.stats_monkey.run_all\": null, \"alba.stats_monkey.run_all\":"
                + " null, \"ovs.generic.snapshot_all\": {\"minute\": \"5\", \"hour\": \"*\"}}\n"));
        Overrides overrides = Overrides.parse(cfg.getProperty("overrides"));
        assertEquals(List.of(), overrides.problems());
        assertEquals(Optional.of(Crontab.parse("5", "*", "*", "*", "*")), entry(overrides, SNAPSHOT.name()).crontab());
    }

    @Test
    void theScheduleRoutingKeyIsKeptAndAnOverrideDoesNotChangeIt() {
        TaskDescription routed = Schedules.everyMinute("ovs.mds.checkup", "masters.mds");
        Overrides overrides = Overrides.parse("{\"ovs.mds.checkup\": {\"minute\": \"*/30\"}}");
        assertEquals("masters.mds", ScheduleEntry.resolve(List.of(routed), Overrides.NONE).get(0).routingKey());
        assertEquals("masters.mds", ScheduleEntry.resolve(List.of(routed), overrides).get(0).routingKey());
    }

    private static ScheduleEntry entry(Overrides overrides, String task) {
        return ScheduleEntry.resolve(TASKS, overrides).stream().filter(entry -> entry.task().equals(task))
                .findFirst().orElseThrow();
    }
}
