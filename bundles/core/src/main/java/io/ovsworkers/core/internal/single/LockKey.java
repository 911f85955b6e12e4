package io.ovsworkers.core.internal.single;

import io.ovsworkers.api.Mode;
import java.util.Locale;
import java.util.Optional;

/**
 * The original's key of a task's registrations in one mode, {@code ovs_ensure_single_<task name>_<mode lower>}.
 *
 * @param taskName the task
 * @param mode the mode
 */
record LockKey(String taskName, Mode mode) {
    static final String PREFIX = "ovs_ensure_single_";

    String key() {
        return PREFIX + taskName + "_" + mode.name().toLowerCase(Locale.ROOT);
    }

    /** The task and mode of a key, if it is one of ours (the original's pre-2019 keys have no mode suffix). */
    static Optional<LockKey> parse(String key) {
        if (!key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int separator = key.lastIndexOf('_');
        if (separator <= PREFIX.length()) {
            return Optional.empty();
        }
        String suffix = key.substring(separator + 1);
        for (Mode mode : Mode.values()) {
            if (mode.name().toLowerCase(Locale.ROOT).equals(suffix)) {
                return Optional.of(new LockKey(key.substring(PREFIX.length(), separator), mode));
            }
        }
        return Optional.empty();
    }
}
