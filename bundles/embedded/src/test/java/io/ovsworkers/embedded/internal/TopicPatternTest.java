package io.ovsworkers.embedded.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicPatternTest {

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
            "generic.#, generic, true",
            "generic.#, generic.a.b, true",
            "generic.#, genericx, false",
            "generic.#, x.generic, false",
            "sr.m1.#, sr.m1.snapshot, true",
            "sr.m1.#, sr.m2.snapshot, false",
            "masters.#, masters, true",
            "*.end, a.end, true",
            "*.end, end, false",
            "*.end, a.b.end, false",
            "a.*.c, a.b.c, true",
            "a.*.c, a..c, true",
            "a.*.c, a.c, false",
            "#, '', true",
            "#, a.b.c, true",
            "#.#, a, true",
            "a.#.#.b, a.b, true",
            "a.#.b.#, a.x.b, true",
            "a.#.b.#, a.x.y, false",
            "exact, exact, true",
            "exact, exact.more, false",
    })
    void matchesLikeAnAmqpTopicExchange(String pattern, String routingKey, boolean matches) {
        assertEquals(matches, new TopicPattern(pattern).matches(routingKey));
    }
}
