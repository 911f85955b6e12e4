package io.ovsworkers.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandSplitterTest {

    @Test
    void splitsAtTopLevelSemicolonsAndTrims() {
        assertEquals(List.of("lb", "ovs:tasks", "ovs:call ovs.examples.add 1 2"),
                CommandSplitter.split(" lb;ovs:tasks ;  ovs:call ovs.examples.add 1 2 "));
    }

    @Test
    void dropsEmptyCommands() {
        assertEquals(List.of("lb", "headers 1"), CommandSplitter.split(";lb;; ;headers 1;"));
        assertTrue(CommandSplitter.split(" ; ").isEmpty());
    }

    @Test
    void keepsSemicolonsInsideQuotes() {
        assertEquals(List.of("echo 'a;b'", "echo \"c;d\"", "echo \"it's; fine\""),
                CommandSplitter.split("echo 'a;b'; echo \"c;d\"; echo \"it's; fine\""));
    }

    @Test
    void keepsSemicolonsInsideBrackets() {
        assertEquals(List.of("each [1 2] { echo $it; echo done }", "x = (a; b)", "lb"),
                CommandSplitter.split("each [1 2] { echo $it; echo done }; x = (a; b); lb"));
        assertEquals(List.of("a { b [c; (d; e)] ; f }"), CommandSplitter.split("a { b [c; (d; e)] ; f }"));
    }

    @Test
    void keepsEscapedSemicolonsAsWritten() {
        assertEquals(List.of("echo a\\;b", "lb"), CommandSplitter.split("echo a\\;b; lb"));
    }

    @Test
    void refusesUnbalancedInputNamingTheProblem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CommandSplitter.split("echo 'a; lb"))
                .getMessage().contains("unterminated ' quote"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CommandSplitter.split("each [1 2] { echo"))
                .getMessage().contains("unclosed '{'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CommandSplitter.split("echo a]; lb"))
                .getMessage().contains("unbalanced ']' at position 7"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CommandSplitter.split("{ echo ) }"))
                .getMessage().contains("unbalanced ')'"));
    }
}
