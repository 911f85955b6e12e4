package io.ovsworkers.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.api.TaskArgumentException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArgumentBinderTest {

    public record Disk(String guid, long size) {
    }

    public static class Signatures {
        public void primitives(int count, long size, boolean force, double ratio) {
        }

        public void generic(List<Integer> ids, Map<String, Disk> disks) {
        }

        public void optional(String name, Optional<Integer> limit) {
        }

        public void record(Disk disk) {
        }

        public void object(Object value) {
        }
    }

    private static ArgumentBinder binder(String method) {
        for (Method m : Signatures.class.getMethods()) {
            if (m.getName().equals(method)) {
                return new ArgumentBinder("t." + method, m);
            }
        }
        throw new AssertionError(method);
    }

    @Test
    void bindsByPositionAndByName() {
        Object[] bound = binder("primitives").bind(new Object[] {1, 2L}, Map.of("ratio", 0.5, "force", true));
        assertArrayEquals(new Object[] {1, 2L, true, 0.5}, bound);
    }

    @Test
    void convertsJsonNumbersToWiderAndNarrowerIntegers() {
        Object[] bound = binder("primitives").bind(new Object[] {7L, 8}, Map.of("force", false, "ratio", 3));
        assertArrayEquals(new Object[] {7, 8L, false, 3.0}, bound);
    }

    @Test
    void passesJavaObjectsOfTheRightTypeUnchanged() {
        Disk disk = new Disk("g", 1);
        assertSame(disk, binder("record").bind(new Object[] {disk}, null)[0]);
    }

    @Test
    void convertsJsonShapedValuesToRecordsAndGenericCollections() {
        Object[] bound = binder("generic").bind(new Object[] {List.of(1, 2)},
                Map.of("disks", Map.of("a", Map.of("guid", "g1", "size", 10))));
        assertEquals(List.of(1, 2), bound[0]);
        assertEquals(Map.of("a", new Disk("g1", 10)), bound[1]);
    }

    @Test
    void convertsElementsOfGenericCollectionsEvenWhenTheListIsAlreadyAList() {
        TaskArgumentException e = assertThrows(TaskArgumentException.class,
                () -> binder("generic").bind(new Object[] {List.of("x"), Map.of()}, null));
        assertEquals("ids", e.parameter());
    }

    @Test
    void missingOptionalBecomesEmpty() {
        Object[] bound = binder("optional").bind(new Object[] {"n"}, null);
        assertEquals(Optional.empty(), bound[1]);
        assertEquals(Optional.of(5), binder("optional").bind(null, Map.of("name", "n", "limit", 5))[1]);
    }

    @Test
    void missingArgumentNamesTaskAndParameter() {
        TaskArgumentException e = assertThrows(TaskArgumentException.class, () -> binder("primitives").bind(new Object[] {1}, null));
        assertEquals("t.primitives", e.taskName());
        assertEquals("size", e.parameter());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void extraPositionalArgumentIsRefused() {
        TaskArgumentException e = assertThrows(TaskArgumentException.class, () -> binder("object").bind(new Object[] {1, 2}, null));
        assertEquals("args[1]", e.parameter());
    }

    @Test
    void unknownKeywordIsRefused() {
        TaskArgumentException e = assertThrows(TaskArgumentException.class, () -> binder("object").bind(null, Map.of("valeu", 1)));
        assertEquals("valeu", e.parameter());
        assertTrue(e.getMessage().contains("[value]"), e.getMessage());
    }

    @Test
    void keywordRepeatingAPositionalIsRefused() {
        TaskArgumentException e = assertThrows(TaskArgumentException.class, () -> binder("object").bind(new Object[] {1}, Map.of("value", 1)));
        assertEquals("value", e.parameter());
    }

    @Test
    void unconvertibleValuesAreRefusedNotCoerced() {
        assertEquals("count", assertThrows(TaskArgumentException.class,
                () -> binder("primitives").bind(new Object[] {"3", 1, true, 1.0}, null)).parameter());
        assertEquals("count", assertThrows(TaskArgumentException.class,
                () -> binder("primitives").bind(new Object[] {3.5, 1, true, 1.0}, null)).parameter());
        assertEquals("count", assertThrows(TaskArgumentException.class,
                () -> binder("primitives").bind(new Object[] {null, 1, true, 1.0}, null)).parameter());
        assertEquals("disk", assertThrows(TaskArgumentException.class,
                () -> binder("record").bind(new Object[] {Map.of("guid", "g", "size", 1, "colour", "red")}, null)).parameter());
    }
}
