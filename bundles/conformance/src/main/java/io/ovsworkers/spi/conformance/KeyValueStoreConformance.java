package io.ovsworkers.spi.conformance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ovsworkers.spi.KeyValueOperation;
import io.ovsworkers.spi.KeyValueOperation.AssertExists;
import io.ovsworkers.spi.KeyValueOperation.AssertValue;
import io.ovsworkers.spi.KeyValueOperation.Delete;
import io.ovsworkers.spi.KeyValueOperation.Set;
import io.ovsworkers.spi.KeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link KeyValueStore} (Arakoon's semantics), for every implementation to run.
 *
 * <p>Subclass it in the implementation's tests, implement {@link #createStore()} and {@link #closeStore(KeyValueStore)},
 * and, for a store that persists, {@link #supportsRestart()} and {@link #restart(KeyValueStore)}. Every key a test
 * uses starts with {@link #keyPrefix()}, unique to the test instance, so the suite can run against a shared cluster.
 */
public abstract class KeyValueStoreConformance {

    private final String prefix = "conformance/" + UUID.randomUUID() + "/";
    private KeyValueStore store;

    /** A store for one test. */
    protected abstract KeyValueStore createStore() throws Exception;

    /** Releases the store after a test (and after {@link #restart(KeyValueStore)}, the one it returned). */
    protected abstract void closeStore(KeyValueStore store) throws Exception;

    /** Whether {@link #restart(KeyValueStore)} is supported: the store keeps its data across a stop. */
    protected boolean supportsRestart() {
        return false;
    }

    /** Stops the store as a node stop does and returns a new one on the same storage. */
    protected KeyValueStore restart(KeyValueStore store) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " does not support restart");
    }

    /** The prefix of every key the current test writes, for a shared cluster's cleanup. */
    protected final String keyPrefix() {
        return prefix;
    }

    @BeforeEach
    final void openStore() throws Exception {
        store = createStore();
    }

    @AfterEach
    final void releaseStore() throws Exception {
        closeStore(store);
    }

    @Test
    void absentKeyHasNoValue() {
        assertEquals(Optional.empty(), store.get(key("absent")));
    }

    @Test
    void setValueIsReadBackByteForByte() {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        store.set(key("bytes"), everyByte);
        store.set(key("empty"), new byte[0]);

        assertArrayEquals(everyByte, store.get(key("bytes")).orElseThrow());
        assertArrayEquals(new byte[0], store.get(key("empty")).orElseThrow());
    }

    @Test
    void storedValueIsACopy() {
        byte[] value = bytes("original");
        store.set(key("copy"), value);
        value[0] = 'X';
        store.get(key("copy")).orElseThrow()[0] = 'Y';

        assertEquals("original", text(key("copy")));
    }

    @Test
    void setOverwrites() {
        store.set(key("k"), bytes("one"));
        store.set(key("k"), bytes("two"));

        assertEquals("two", text(key("k")));
    }

    @Test
    void deleteSaysWhetherTheKeyExisted() {
        store.set(key("k"), bytes("v"));

        assertTrue(store.delete(key("k")));
        assertEquals(Optional.empty(), store.get(key("k")));
        assertFalse(store.delete(key("k")));
    }

    @Test
    void compareAndSetCreatesAbsentKeyOnlyOnce() {
        assertTrue(store.compareAndSet(key("lock"), null, bytes("owner-1")));
        assertFalse(store.compareAndSet(key("lock"), null, bytes("owner-2")));

        assertEquals("owner-1", text(key("lock")));
    }

    @Test
    void compareAndSetReplacesOnlyTheExpectedValue() {
        store.set(key("k"), bytes("old"));

        assertFalse(store.compareAndSet(key("k"), bytes("other"), bytes("never")));
        assertEquals("old", text(key("k")));
        assertTrue(store.compareAndSet(key("k"), bytes("old"), bytes("new")));
        assertEquals("new", text(key("k")));
    }

    @Test
    void compareAndSetToNullDeletes() {
        store.set(key("k"), bytes("v"));

        assertFalse(store.compareAndSet(key("k"), bytes("other"), null));
        assertEquals("v", text(key("k")));
        assertTrue(store.compareAndSet(key("k"), bytes("v"), null));
        assertEquals(Optional.empty(), store.get(key("k")));
    }

    @Test
    void compareAndSetExpectingAValueFailsOnAbsentKey() {
        assertFalse(store.compareAndSet(key("absent"), bytes("v"), bytes("w")));
        assertFalse(store.compareAndSet(key("absent"), bytes("v"), null));

        assertEquals(Optional.empty(), store.get(key("absent")));
    }

    @Test
    void keysAreInAscendingByteOrderUnderThePrefix() {
        // U+FF21 is EF BC A1 in UTF-8 and sorts before the emoji (F0 ...), although its UTF-16 unit sorts after
        List<String> inByteOrder = List.of(key("A"), key("a"), key("a/1"), key("b"), key("\u00e9"), key("\uff21"),
                key("\ud83d\ude00"));
        for (int i = inByteOrder.size() - 1; i >= 0; i--) {
            store.set(inByteOrder.get(i), bytes("v"));
        }
        store.set(prefix.substring(0, prefix.length() - 1), bytes("outside"));

        assertEquals(inByteOrder, store.keys(prefix, 100));
        assertEquals(List.of(key("a"), key("a/1")), store.keys(key("a"), 100));
    }

    @Test
    void keysReturnsAtMostMax() {
        for (String name : List.of("d", "c", "b", "a")) {
            store.set(key(name), bytes(name));
        }

        assertEquals(List.of(key("a"), key("b")), store.keys(prefix, 2));
        assertEquals(List.of(), store.keys(key("none"), 10));
    }

    @Test
    void commitAppliesEveryOperationInOrder() {
        store.set(key("gone"), bytes("v"));

        assertTrue(store.commit(List.of(
                new Set(key("a"), bytes("1")),
                new Set(key("b"), bytes("2")),
                new Delete(key("gone")),
                new Set(key("a"), bytes("3")))));

        assertEquals("3", text(key("a")));
        assertEquals("2", text(key("b")));
        assertEquals(Optional.empty(), store.get(key("gone")));
    }

    @Test
    void failedAssertValueAppliesNothing() {
        store.set(key("guard"), bytes("actual"));

        assertFalse(store.commit(List.of(
                new Set(key("written"), bytes("v")),
                new AssertValue(key("guard"), bytes("expected")),
                new Set(key("after"), bytes("v")))));

        assertEquals(Optional.empty(), store.get(key("written")));
        assertEquals(Optional.empty(), store.get(key("after")));
        assertEquals("actual", text(key("guard")));
    }

    @Test
    void assertValueOfNullRequiresAbsence() {
        assertTrue(store.commit(List.of(new AssertValue(key("free"), null), new Set(key("free"), bytes("taken")))));
        assertFalse(store.commit(List.of(new AssertValue(key("free"), null), new Set(key("free"), bytes("again")))));

        assertEquals("taken", text(key("free")));
    }

    @Test
    void failedAssertExistsAppliesNothing() {
        assertFalse(store.commit(List.of(new Set(key("written"), bytes("v")), new AssertExists(key("absent")))));
        assertEquals(Optional.empty(), store.get(key("written")));

        store.set(key("present"), bytes("v"));
        assertTrue(store.commit(List.of(new AssertExists(key("present")), new Set(key("written"), bytes("v")))));
        assertEquals("v", text(key("written")));
    }

    @Test
    void deleteOfAbsentKeyFailsTheWholeTransaction() {
        store.set(key("kept"), bytes("v"));

        assertFalse(store.commit(List.of(
                new Delete(key("kept")),
                new Set(key("written"), bytes("v")),
                new Delete(key("absent")))));

        assertEquals("v", text(key("kept")));
        assertEquals(Optional.empty(), store.get(key("written")));
    }

    @Test
    void laterStepsSeeEarlierStepsOfTheSameTransaction() {
        assertTrue(store.commit(List.of(
                new Set(key("k"), bytes("v")),
                new AssertValue(key("k"), bytes("v")),
                new AssertExists(key("k")),
                new Delete(key("k")),
                new AssertValue(key("k"), null))));

        assertEquals(Optional.empty(), store.get(key("k")));
    }

    @Test
    void emptyTransactionSucceeds() {
        assertTrue(store.commit(List.of()));
    }

    @Test
    void concurrentCompareAndSetIncrementsLoseNoUpdate() throws Exception {
        int threads = 8;
        int incrementsPerThread = 50;
        String counter = key("counter");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < incrementsPerThread; i++) {
                        increment(counter);
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(Deadline.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdown();
        }

        assertEquals(String.valueOf(threads * incrementsPerThread), text(counter));
    }

    @Test
    void dataSurvivesRestart() throws Exception {
        assumeTrue(supportsRestart(), "the store keeps nothing across a stop");
        store.set(key("set"), bytes("v"));
        store.set(key("deleted"), bytes("v"));
        store.delete(key("deleted"));
        assertTrue(store.compareAndSet(key("swapped"), null, bytes("mine")));
        assertTrue(store.commit(List.of(new Set(key("committed"), bytes("c")))));

        store = restart(store);

        assertEquals("v", text(key("set")));
        assertEquals(Optional.empty(), store.get(key("deleted")));
        assertEquals("mine", text(key("swapped")));
        assertEquals("c", text(key("committed")));
        assertEquals(List.of(key("committed"), key("set"), key("swapped")), store.keys(prefix, 10));
    }

    private void increment(String counter) {
        while (true) {
            Optional<byte[]> current = store.get(counter);
            long next = current.map(v -> Long.parseLong(new String(v, UTF_8))).orElse(0L) + 1;
            if (store.compareAndSet(counter, current.orElse(null), bytes(Long.toString(next)))) {
                return;
            }
        }
    }

    private String key(String name) {
        return prefix + name;
    }

    private String text(String key) {
        return new String(store.get(key).orElseThrow(() -> new AssertionError("no value for " + key)), UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
