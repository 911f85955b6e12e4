package io.ovsworkers.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.api.EnsureSingle;
import io.ovsworkers.api.Mode;
import io.ovsworkers.api.OvsTask;
import io.ovsworkers.api.Schedule;
import io.ovsworkers.core.internal.TaskDeclarations.Declaration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskRegistryTest {
    private static final PluginOrigin FIRST = new PluginOrigin("first.bundle", "1.0.0", 1);
    private static final PluginOrigin SECOND = new PluginOrigin("second.bundle", "2.0.0", 2);

    public static class Valid {
        @OvsTask(name = "t.plain")
        public String plain(String x) {
            return x;
        }

        @OvsTask(name = "t.scheduled", schedule = @Schedule(minute = "*/15", hour = "1-5"),
                ensureSingle = @EnsureSingle(mode = Mode.DEFAULT, extraTaskNames = "t.plain"))
        public void scheduled() {
        }

        @OvsTask(name = "t.callback", ensureSingle = @EnsureSingle(mode = Mode.DEDUPED, callback = "busy", ignoreArguments = "who"))
        public String withCallback(String what, String who) {
            return what;
        }

        public String busy(String what, String who) {
            return "busy";
        }
    }

    public static class SameName {
        @OvsTask(name = "t.plain")
        public String other(String x) {
            return "other";
        }
    }

    public static class Invalid {
        @OvsTask(name = "bad.extra", ensureSingle = @EnsureSingle(mode = Mode.CHAINED, extraTaskNames = "x"))
        public void extraOutsideDefault() {
        }

        @OvsTask(name = "bad.callback", ensureSingle = @EnsureSingle(mode = Mode.DEFAULT, callback = "nowhere"))
        public void unresolvableCallback(String a) {
        }

        @OvsTask(name = "bad.callback_signature", ensureSingle = @EnsureSingle(mode = Mode.DEFAULT, callback = "wrongParameters"))
        public void callbackWithOtherParameters(String a) {
        }

        public void wrongParameters(int a) {
        }

        @OvsTask(name = "bad.crontab", schedule = @Schedule(minute = "61"))
        public void invalidMinute() {
        }

        @OvsTask(name = "bad.dow", schedule = @Schedule(dayOfWeek = "mon-frx"))
        public void invalidDayOfWeek() {
        }

        @OvsTask(name = "bad.ignore", ensureSingle = @EnsureSingle(mode = Mode.DEDUPED, ignoreArguments = "nope"))
        public void ignoresUnknownParameter(String a) {
        }

        @OvsTask(name = "bad.private")
        void notPublic() {
        }

        @OvsTask(name = "")
        public void emptyName() {
        }

        @OvsTask(name = "ok.remaining")
        public void stillFine() {
        }
    }

    private static String refusal(List<Declaration> declarations, String name) {
        return declarations.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow().refusal();
    }

    @Test
    void registersEveryValidTaskOfAPlugin() {
        TaskRegistry registry = new TaskRegistry();
        registry.add(new Valid(), FIRST);
        assertEquals(List.of("t.callback", "t.plain", "t.scheduled"), registry.all().stream().map(TaskDefinition::name).toList());
        TaskDefinition scheduled = registry.lookup("t.scheduled").orElseThrow();
        assertEquals("*/15 1-5 * * *", scheduled.schedule().toString());
        assertEquals(Optional.of(Mode.DEFAULT), scheduled.mode());
        assertEquals("busy", registry.lookup("t.callback").orElseThrow().callback().getName());
        assertEquals("first.bundle", scheduled.describe().bundle());
    }

    @Test
    void refusesEachInvalidDeclarationWithItsReasonAndKeepsTheRest() {
        List<Declaration> declarations = TaskDeclarations.read(new Invalid(), FIRST);
        assertTrue(refusal(declarations, "bad.extra").contains("extraTaskNames [x] are allowed in mode DEFAULT only, not in CHAINED"));
        assertTrue(refusal(declarations, "bad.callback").contains("callback 'nowhere' cannot be resolved"));
        assertTrue(refusal(declarations, "bad.callback_signature").contains("wrongParameters(String)"));
        assertTrue(refusal(declarations, "bad.crontab").contains("minute"), refusal(declarations, "bad.crontab"));
        assertTrue(refusal(declarations, "bad.dow").contains("dayOfWeek"), refusal(declarations, "bad.dow"));
        assertTrue(refusal(declarations, "bad.ignore").contains("'nope'"));
        assertTrue(refusal(declarations, "bad.private").contains("must be public"));
        assertTrue(refusal(declarations, "").contains("empty"));

        TaskRegistry registry = new TaskRegistry();
        registry.add(new Invalid(), FIRST);
        assertEquals(List.of("ok.remaining"), registry.all().stream().map(TaskDefinition::name).toList());
    }

    @Test
    void refusesADuplicateNameAndLetsItTakeOverWhenTheFirstLeaves() {
        TaskRegistry registry = new TaskRegistry();
        Valid first = new Valid();
        SameName second = new SameName();
        registry.add(first, FIRST);
        registry.add(second, SECOND);
        assertSame(first, registry.lookup("t.plain").orElseThrow().plugin());

        registry.remove(FIRST.serviceId());
        assertSame(second, registry.lookup("t.plain").orElseThrow().plugin());
        assertTrue(registry.removedAt("t.plain").isEmpty());
        assertTrue(registry.removedAt("t.scheduled").isPresent());

        registry.remove(SECOND.serviceId());
        assertFalse(registry.lookup("t.plain").isPresent());
        assertTrue(registry.removedAt("t.plain").isPresent());
    }

    @Test
    void aReturningPluginClearsTheRemovalMark() {
        TaskRegistry registry = new TaskRegistry();
        registry.add(new Valid(), FIRST);
        registry.remove(FIRST.serviceId());
        registry.add(new Valid(), SECOND);
        assertTrue(registry.removedAt("t.plain").isEmpty());
    }
}
