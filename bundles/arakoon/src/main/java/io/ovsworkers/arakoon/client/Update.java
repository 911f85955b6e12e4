package io.ovsworkers.arakoon.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One step of a {@link ArakoonClient#sequence(List) sequence}. Steps apply in order, all or nothing, with these
 * limits of the 1.9 server (the client refuses sequences that would run into them):
 * <ul>
 * <li>a {@link #deletePrefix(byte[]) DeletePrefix} step is not rolled back when a later step fails, and it does not
 * remove keys written earlier in the same sequence, so it may not be combined with steps that can fail (Delete and
 * the asserts), nor follow a write under its prefix;</li>
 * <li>an {@link #assertRange(byte[], List) AssertRange} step does not see earlier steps, so it must come before every
 * write under its prefix;</li>
 * <li>user functions are not offered as steps: an unknown one kills the server nodes that apply it.</li>
 * </ul>
 * Inside a sequence a TestAndSet whose expectation fails simply does nothing.
 */
public final class Update {

    /** The step's type; the number is its tag on the wire. */
    public enum Kind {
        SET(1), DELETE(2), TEST_AND_SET(3), SEQUENCE(5), NOP(6), ASSERT(8), DELETE_PREFIX(14), ASSERT_EXISTS(15),
        REPLACE(16), ASSERT_RANGE(17);

        final int tag;

        Kind(int tag) {
            this.tag = tag;
        }
    }

    private final Kind kind;
    private final byte[] key;
    private final byte[] first;
    private final byte[] second;
    private final List<Update> steps;
    private final List<byte[]> keys;

    private Update(Kind kind, byte[] key, byte[] first, byte[] second, List<Update> steps, List<byte[]> keys) {
        this.kind = kind;
        this.key = key;
        this.first = first;
        this.second = second;
        this.steps = steps;
        this.keys = keys;
    }

    private static byte[] required(byte[] value, String what) {
        return Objects.requireNonNull(value, what).clone();
    }

    private static byte[] optional(byte[] value) {
        return value == null ? null : value.clone();
    }

    public static Update set(byte[] key, byte[] value) {
        return new Update(Kind.SET, required(key, "key"), required(value, "value"), null, List.of(), List.of());
    }

    /** Deletes the key; a missing key fails the whole sequence with {@link ArakoonNotFoundException}. */
    public static Update delete(byte[] key) {
        return new Update(Kind.DELETE, required(key, "key"), null, null, List.of(), List.of());
    }

    /** Sets {@code wanted} (null deletes) when the value is {@code expected} (null: absent); otherwise does nothing. */
    public static Update testAndSet(byte[] key, byte[] expected, byte[] wanted) {
        return new Update(Kind.TEST_AND_SET, required(key, "key"), optional(expected), optional(wanted), List.of(),
                List.of());
    }

    /** Fails the sequence with {@link ArakoonAssertionFailedException} unless the value is {@code expected} (null: absent). */
    public static Update assertValue(byte[] key, byte[] expected) {
        return new Update(Kind.ASSERT, required(key, "key"), optional(expected), null, List.of(), List.of());
    }

    /** Fails the sequence with {@link ArakoonAssertionFailedException} unless the key exists. */
    public static Update assertExists(byte[] key) {
        return new Update(Kind.ASSERT_EXISTS, required(key, "key"), null, null, List.of(), List.of());
    }

    /** Sets {@code wanted}, or deletes the key when it is null; never fails. */
    public static Update replace(byte[] key, byte[] wanted) {
        return new Update(Kind.REPLACE, required(key, "key"), optional(wanted), null, List.of(), List.of());
    }

    /** Deletes every committed key under the prefix. See the class comment for its limits. */
    public static Update deletePrefix(byte[] prefix) {
        return new Update(Kind.DELETE_PREFIX, required(prefix, "prefix"), null, null, List.of(), List.of());
    }

    /**
     * Fails the sequence unless the keys under {@code prefix} are exactly {@code keys} (in any order). Sees only what
     * was committed before the sequence.
     */
    public static Update assertRange(byte[] prefix, List<byte[]> keys) {
        List<byte[]> sorted = new ArrayList<>(keys.size());
        keys.forEach(k -> sorted.add(required(k, "key")));
        sorted.sort(Bytes::compareUnsigned);
        return new Update(Kind.ASSERT_RANGE, required(prefix, "prefix"), null, null, List.of(),
                Collections.unmodifiableList(sorted));
    }

    public static Update nop() {
        return new Update(Kind.NOP, null, null, null, List.of(), List.of());
    }

    /** A nested sequence. */
    public static Update sequence(List<Update> steps) {
        steps.forEach(s -> Objects.requireNonNull(s, "step"));
        return new Update(Kind.SEQUENCE, null, null, null, List.copyOf(steps), List.of());
    }

    public Kind kind() {
        return kind;
    }

    /** The key, or the prefix for DELETE_PREFIX and ASSERT_RANGE; null for NOP and SEQUENCE. */
    public byte[] key() {
        return optional(key);
    }

    /** The steps of a nested sequence; empty for other kinds. */
    public List<Update> steps() {
        return steps;
    }

    /** The value a SET, TEST_AND_SET or REPLACE writes; null when it deletes or for other kinds. */
    byte[] written() {
        return switch (kind) {
            case SET, REPLACE -> first;
            case TEST_AND_SET -> second;
            default -> null;
        };
    }

    void encode(WireWriter out) {
        out.int32(kind.tag);
        switch (kind) {
            case SET -> out.string(key).string(first);
            case DELETE, ASSERT_EXISTS, DELETE_PREFIX -> out.string(key);
            case TEST_AND_SET -> out.string(key).option(first).option(second);
            case ASSERT, REPLACE -> out.string(key).option(first);
            case SEQUENCE -> {
                out.int32(steps.size());
                steps.forEach(s -> s.encode(out));
            }
            case NOP -> {
                // no fields
            }
            case ASSERT_RANGE -> {
                // ContainsExactly; the server reverses the list before comparing it with the ascending keys
                out.string(key).int32(1).int32(keys.size());
                for (int i = keys.size() - 1; i >= 0; i--) {
                    out.string(keys.get(i));
                }
            }
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case SEQUENCE -> "Sequence" + steps;
            case NOP -> "Nop";
            case ASSERT_RANGE -> "AssertRange(" + Bytes.describe(key) + ", " + keys.stream().map(Bytes::describe).toList() + ")";
            default -> kind + "(" + Bytes.describe(key) + ")";
        };
    }
}
