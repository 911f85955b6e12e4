package io.ovsworkers.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.TaskMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dead-letter command's output on a known queue ({@link MonitorDoubles.ListBroker}). */
class DeadLetterCommandsTest {
    private final DeadLetterCommands commands = new DeadLetterCommands();
    private final MonitorDoubles.ListBroker broker = new MonitorDoubles.ListBroker();

    @BeforeEach
    void wire() {
        commands.broker = broker;
        broker.queues.get(Broker.DEAD_LETTER_QUEUE).add(new TaskMessage("d1", "ovs.gone", List.of(1), Map.of(), "generic.default", null,
                null, null, 0, null, Map.of(Broker.DEAD_LETTER_REASON_HEADER, "No plugin on node n1 provides task 'ovs.gone'")));
        broker.queues.get(Broker.DEAD_LETTER_QUEUE).add(new TaskMessage("d2", "(undecodable)", List.of(), Map.of(), null, Broker.DEAD_LETTER_QUEUE,
                null, null, 0, null, Map.of(Broker.DEAD_LETTER_REASON_HEADER, "content type 'application/x-python-serialize' is not accepted")));
    }

    @Test
    void listShowsEachDeadLetterAndWhy() throws Exception {
        assertEquals("""
                ID  TASK           ROUTING KEY      ARGUMENTS  REASON
                d1  ovs.gone       generic.default  [1]        No plugin on node n1 provides task 'ovs.gone'
                d2  (undecodable)  -                []         content type 'application/x-python-serialize' is not accepted""",
                commands.deadletters(50));
        assertTrue(commands.deadletters(1).endsWith("(1 of 2 shown)"), commands.deadletters(1));
    }

    @Test
    void requeueMovesThemToTheNamedQueue() throws Exception {
        assertEquals("Moved 2 message(s) from ovs_deadletter to ovs_generic.", commands.deadletters(50, false, "requeue", "ovs_generic"));
        assertEquals(5, broker.depth("ovs_generic"));
        assertEquals("No dead letters: ovs_deadletter is empty.", commands.deadletters(50));
        IllegalArgumentException noTarget = assertThrows(IllegalArgumentException.class, () -> commands.deadletters(50, false, "requeue"));
        assertTrue(noTarget.getMessage().contains("ovs_generic"), noTarget.getMessage());
    }

    @Test
    void purgeNeedsForce() throws Exception {
        assertTrue(commands.deadletters(50, false, "purge").startsWith("Not purged: ovs_deadletter holds 2 message(s)"));
        assertEquals(2, broker.depth(Broker.DEAD_LETTER_QUEUE));
        assertEquals("Removed 2 message(s) from ovs_deadletter.", commands.deadletters(50, true, "purge"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> commands.deadletters(50, false, "drop"));
        assertTrue(unknown.getMessage().contains("'drop'"), unknown.getMessage());
    }
}
