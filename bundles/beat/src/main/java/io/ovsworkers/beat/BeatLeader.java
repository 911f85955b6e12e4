package io.ovsworkers.beat;

import java.time.Instant;
import java.util.Objects;

/**
 * The holder of the beat leader lease.
 *
 * @param node the leader's machine id
 * @param until when the lease ends unless the leader renews it
 */
public record BeatLeader(String node, Instant until) {
    public BeatLeader {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(until, "until");
    }
}
