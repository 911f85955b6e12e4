package io.ovsworkers.arakoon.client;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Refuses sequences that would run into the 1.9 server's sequence traps, before anything is sent. */
final class SequenceCheck {
    private static final Set<Update.Kind> CAN_FAIL =
            EnumSet.of(Update.Kind.DELETE, Update.Kind.ASSERT, Update.Kind.ASSERT_EXISTS, Update.Kind.ASSERT_RANGE);
    private static final Set<Update.Kind> WRITES =
            EnumSet.of(Update.Kind.SET, Update.Kind.DELETE, Update.Kind.TEST_AND_SET, Update.Kind.REPLACE);

    private SequenceCheck() {
    }

    static void check(List<Update> steps, int maxValueSize) {
        List<Update> flat = new ArrayList<>();
        flatten(steps, flat);
        boolean deletesPrefix = flat.stream().anyMatch(u -> u.kind() == Update.Kind.DELETE_PREFIX);
        List<byte[]> writtenKeys = new ArrayList<>();
        for (Update step : flat) {
            byte[] written = step.written();
            if (written != null && written.length >= maxValueSize) {
                throw new ArakoonValueTooLargeException("value of " + written.length + " bytes for key "
                        + Bytes.describe(step.key()) + " in a sequence is not below the limit of " + maxValueSize
                        + " bytes");
            }
            if (deletesPrefix && CAN_FAIL.contains(step.kind())) {
                throw new IllegalArgumentException("a sequence with DeletePrefix may not contain " + step
                        + ": Arakoon 1.9 does not roll a DeletePrefix back when a later step fails");
            }
            if (step.kind() == Update.Kind.DELETE_PREFIX || step.kind() == Update.Kind.ASSERT_RANGE) {
                byte[] prefix = step.key();
                for (byte[] key : writtenKeys) {
                    if (Bytes.startsWith(key, prefix)) {
                        throw new IllegalArgumentException(step + " may not follow a write of "
                                + Bytes.describe(key) + " in the same sequence: Arakoon 1.9 applies it to the"
                                + " committed keys only, so it would not see that write");
                    }
                }
            }
            if (WRITES.contains(step.kind())) {
                writtenKeys.add(step.key());
            }
        }
    }

    private static void flatten(List<Update> steps, List<Update> into) {
        for (Update step : steps) {
            if (step.kind() == Update.Kind.SEQUENCE) {
                flatten(step.steps(), into);
            } else {
                into.add(step);
            }
        }
    }

    /** Whether sending the sequence twice leaves the same state as sending it once, and cannot fail the second time. */
    static boolean idempotent(List<Update> steps) {
        List<Update> flat = new ArrayList<>();
        flatten(steps, flat);
        return flat.stream().allMatch(u -> u.kind() == Update.Kind.SET || u.kind() == Update.Kind.REPLACE
                || u.kind() == Update.Kind.NOP || u.kind() == Update.Kind.DELETE_PREFIX);
    }
}
