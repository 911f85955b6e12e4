package io.ovsworkers.beat.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what beats send, in place of the core's dispatcher: these tests are about what beat decides to send;
 * the dispatch path (routing, ensure-single) is the core's and is tested there.
 */
final class Firings {

    /** One message sent: by which node, at which instant of its clock. */
    record Firing(String node, String task, String routingKey, Instant sentAt) {
        /** The slot fired, for schedules that fire every minute and firings less than a minute late. */
        Instant minuteSlot() {
            return sentAt.truncatedTo(ChronoUnit.MINUTES);
        }
    }

    private final List<Firing> sent = new CopyOnWriteArrayList<>();

    /** A sender for the beat of {@code node}. */
    Scheduler.Sender senderFor(String node, Clock clock) {
        return (task, routingKey) -> {
            sent.add(new Firing(node, task, routingKey, clock.instant()));
            return UUID.randomUUID().toString();
        };
    }

    List<Firing> all() {
        return new ArrayList<>(sent);
    }

    List<Firing> of(String task) {
        return sent.stream().filter(firing -> firing.task().equals(task)).toList();
    }
}
