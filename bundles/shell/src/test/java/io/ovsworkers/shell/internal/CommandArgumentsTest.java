package io.ovsworkers.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandArgumentsTest {

    private static CommandArguments parse(String... words) {
        return CommandArguments.parse(TaskCommands.JSON, List.of(words));
    }

    @Test
    void wordsAreJsonWhereTheyParseAndStringsOtherwise() {
        CommandArguments parsed = parse("3", "true", "vpool-1", "\"42\"", "[1,2]", "{\"a\":null}");
        assertEquals(List.of(3, true, "vpool-1", "42", List.of(1, 2), java.util.Collections.singletonMap("a", null)), parsed.args());
        assertEquals(Map.of(), parsed.kwargs());
    }

    @Test
    void nameEqualsValueIsAKeywordArgument() {
        CommandArguments parsed = parse("1", "b=2", "label=a=b");
        assertEquals(List.of(1), parsed.args());
        assertEquals(Map.of("b", 2, "label", "a=b"), parsed.kwargs());
    }

    @Test
    void positionalAfterKeywordIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("b=2", "3"));
        assertEquals("Positional argument '3' follows keyword arguments [b]", e.getMessage());
    }
}
