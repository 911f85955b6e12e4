package io.ovsworkers.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.api.Mode;
import io.ovsworkers.api.locks.LockRegistration;
import io.ovsworkers.api.locks.Locks;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The commands' output and their refusal without confirmation. The {@link Locks} service here is a list in memory:
 * the real one (the core's ensure-single engine on a store) is tested in the core; this test is about the shell.
 */
class LockCommandsTest {
    private static final Instant NOW = Instant.parse("2026-12-03T18:00:00Z");

    private final List<LockRegistration> registrations = new ArrayList<>();
    private final LockCommands commands = new LockCommands();

    @BeforeEach
    void wire() {
        commands.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        commands.locks = new Locks() {
            @Override
            public List<LockRegistration> list() {
                return List.copyOf(registrations);
            }

            @Override
            public int clear(String taskName) {
                int before = registrations.size();
                registrations.removeIf(r -> r.taskName().equals(taskName));
                return before - registrations.size();
            }
        };
        registrations.add(new LockRegistration("ovs.mds.mds_checkup", Mode.CHAINED, 0, Optional.of("1796320000_abcdefghij"),
                Optional.of("node1"), Optional.of("5f0c"), Map.of("vpool", "v1"), Optional.of(NOW.minusSeconds(42)),
                Optional.of(NOW.plusSeconds(25))));
        registrations.add(new LockRegistration("ovs.mds.mds_checkup", Mode.CHAINED, 1, Optional.of("1796320001_abcdefghij"),
                Optional.of("node2"), Optional.empty(), Map.of(), Optional.of(NOW.minusSeconds(40)), Optional.of(NOW.minusSeconds(3))));
        registrations.add(new LockRegistration("ovs.generic.snapshot_all", Mode.DEFAULT, 0, Optional.empty(),
                Optional.empty(), Optional.of("77"), Map.of(), Optional.empty(), Optional.empty()));
    }

    @Test
    void listsOwnerAgeAndLease() throws Exception {
        String[] lines = commands.locks().split("\n");

        assertEquals(4, lines.length);
        assertTrue(lines[0].startsWith("TASK") && lines[0].contains("OWNER") && lines[0].contains("LEASE"), lines[0]);
        assertTrue(lines[1].contains("node1") && lines[1].contains("5f0c") && lines[1].contains("42s")
                && lines[1].contains("25s left") && lines[1].contains("{\"vpool\":\"v1\"}"), lines[1]);
        assertTrue(lines[2].contains("(inline)") && lines[2].contains("expired 3s ago"), lines[2]);
        assertTrue(lines[3].contains("(original framework)") && lines[3].contains("never expires"), lines[3]);
    }

    @Test
    void clearRefusesWithoutForce() {
        String refused = commands.locks(false, "clear", "ovs.mds.mds_checkup");

        assertTrue(refused.startsWith("Not cleared") && refused.contains("2 registration(s)") && refused.contains("--force"), refused);
        assertEquals(3, registrations.size());
    }

    @Test
    void clearWithForceRemovesTheTasksRegistrations() {
        assertEquals("Cleared 2 registration(s) of task ovs.mds.mds_checkup.", commands.locks(true, "clear", "ovs.mds.mds_checkup"));
        assertEquals(1, registrations.size());
    }

    @Test
    void unknownActionIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> commands.locks(true, "wipe", "x"));
        assertTrue(e.getMessage().contains("'wipe'"), e.getMessage());
    }

    @Test
    void saysSoWhenThereAreNone() throws Exception {
        registrations.clear();
        assertTrue(commands.locks().startsWith("No ensure-single registrations"));
    }
}
