package io.ovsworkers.beat.internal;

import io.ovsworkers.api.NodeInfo;
import io.ovsworkers.api.TaskDescription;
import io.ovsworkers.api.schedule.Crontab;
import io.ovsworkers.beat.BeatLeader;
import io.ovsworkers.beat.ScheduledTask;
import io.ovsworkers.spi.KeyValueStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's beat: at each {@link #tick()} it reads the schedules of the registered tasks, takes or renews the
 * leader lease if this node is a master, and as leader records and sends every slot that has come due. It never
 * waits: {@link #tick()} says when it wants to run again, and its caller (a timer, or a test driving the clock)
 * decides when it does.
 */
final class Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    /** Sends a firing through the dispatcher. */
    @FunctionalInterface
    interface Sender {
        /** @return the id of the task sent */
        String send(String task, String routingKey);
    }

    private record Settings(BeatSettings beat, Overrides overrides) {
    }

    /** What this node remembers of a task's schedule between ticks. */
    private static final class Seen {
        Optional<Crontab> crontab;
        /** When this node first saw the task: the start of its schedule if it never fired. */
        final Instant firstSeen;
        /** When the task's crontab last changed while this node watched: no earlier slot of it fires. */
        Instant changedAt;
        /** Whether {@link #lastFired} is what this node last read or wrote while leading. */
        boolean lastFiredKnown;
        /** The last fired slot; null if the task never fired. */
        Instant lastFired;
        Instant skippedSlot;

        Seen(Optional<Crontab> crontab, Instant now) {
            this.crontab = crontab;
            this.firstSeen = now;
        }

        /** Slots after this instant are due. */
        Instant firedUpTo() {
            Instant from = lastFired != null ? lastFired : firstSeen;
            return changedAt != null && changedAt.isAfter(from) ? changedAt : from;
        }
    }

    private final KeyValueStore store;
    private final NodeInfo node;
    private final Supplier<List<TaskDescription>> tasks;
    private final Sender sender;
    private final Clock clock;
    private volatile Settings settings = new Settings(BeatSettings.DEFAULTS, Overrides.NONE);
    private final Map<String, Seen> seen = new HashMap<>();
    /** The lease as this node holds it; null while it does not lead. */
    private LeaderLease.Holder held;
    private String lastFailure;

    Scheduler(KeyValueStore store, NodeInfo node, Supplier<List<TaskDescription>> tasks, Sender sender, Clock clock) {
        this.store = store;
        this.node = node;
        this.tasks = tasks;
        this.sender = sender;
        this.clock = clock;
    }

    /** Applies new settings from the next tick on. */
    void configure(BeatSettings beat, Overrides overrides) {
        settings = new Settings(beat, overrides);
    }

    /**
     * Does what is due now. A failure (the store unreachable) is logged once and retried at the next tick.
     *
     * @return when to tick again: the next slot while leading, and at the latest when the lease needs renewing
     *         (half a lease before it ends) or, for the others, when it ends or half a lease from now
     */
    synchronized Instant tick() {
        Instant now = clock.instant();
        Settings current = settings;
        try {
            Instant wake = tick(now, current);
            if (lastFailure != null) {
                LOG.info("Beat on {} works again", node.machineId());
                lastFailure = null;
            }
            return wake;
        } catch (RuntimeException e) {
            if (!e.toString().equals(lastFailure)) {
                LOG.warn("Beat on {} failed; retrying every {} ms: {}", node.machineId(),
                        current.beat().renewInterval().toMillis(), e.toString(), e);
                lastFailure = e.toString();
            }
            return now.plus(current.beat().renewInterval());
        }
    }

    /** Gives up the lead, if this node has it, so that another master takes over at once. */
    synchronized void resign() {
        if (held != null) {
            LeaderLease.release(store, held);
            LOG.info("Beat on {} gave up the lead", node.machineId());
            loseLead();
        }
    }

    private Instant tick(Instant now, Settings current) {
        List<ScheduleEntry> entries = ScheduleEntry.resolve(tasks.get(), current.overrides());
        remember(entries, now);
        Instant wake = now.plus(current.beat().renewInterval());
        if (!current.beat().enabled() || !node.master()) {
            resign();
            return wake;
        }
        String machineId = node.machineId();
        Optional<LeaderLease.Holder> holder = leaseFreshEnough(machineId, now, current.beat())
                ? Optional.of(held)
                : LeaderLease.hold(store, machineId, now, current.beat().lease());
        if (holder.isEmpty() || !holder.get().isNode(machineId)) {
            if (held != null) {
                LOG.info("Beat on {} lost the lead to {}", machineId, holder.map(LeaderLease.Holder::node).orElse("nobody"));
                loseLead();
            }
            Instant holderUntil = holder.map(LeaderLease.Holder::until).orElse(wake);
            return holderUntil.isAfter(now) && holderUntil.isBefore(wake) ? holderUntil : wake;
        }
        if (held == null) {
            LOG.info("Beat on {} leads now (lease {} s)", machineId, current.beat().lease().toSeconds());
        }
        held = holder.get();
        wake = held.until().minus(current.beat().renewInterval());
        for (ScheduleEntry entry : entries) {
            if (entry.crontab().isEmpty()) {
                continue;
            }
            if (!fireIfDue(entry, entry.crontab().get(), now, current.beat())) {
                LOG.info("Beat on {} lost the lead while firing", machineId);
                loseLead();
                return now.plus(current.beat().renewInterval());
            }
            Optional<Instant> next = entry.crontab().get().next(now);
            if (next.isPresent() && next.get().isBefore(wake)) {
                wake = next.get();
            }
        }
        return wake;
    }

    /**
     * Whether the held lease lasts until after the next renewal tick anyway. A tick at a slot then fires without
     * writing the lease first, which keeps the delay short; firing still asserts the lease, so a lease lost
     * meanwhile is noticed there.
     */
    private boolean leaseFreshEnough(String machineId, Instant now, BeatSettings beat) {
        return held != null && held.isNode(machineId) && held.until().isAfter(now.plus(beat.renewInterval()));
    }

    private void remember(List<ScheduleEntry> entries, Instant now) {
        Set<String> names = new HashSet<>();
        for (ScheduleEntry entry : entries) {
            names.add(entry.task());
            Seen known = seen.get(entry.task());
            if (known == null) {
                seen.put(entry.task(), new Seen(entry.crontab(), now));
            } else if (!known.crontab.equals(entry.crontab())) {
                known.crontab = entry.crontab();
                known.changedAt = now;
            }
        }
        seen.keySet().retainAll(names);
    }

    private void loseLead() {
        held = null;
        // another leader fires meanwhile: what this node knows of the firings gets stale
        seen.values().forEach(task -> task.lastFiredKnown = false);
    }

    /**
     * Records and sends the latest due slot of the task, if any.
     *
     * @return false if this node lost the lease
     */
    private boolean fireIfDue(ScheduleEntry entry, Crontab crontab, Instant now, BeatSettings beat) {
        Seen task = seen.get(entry.task());
        // What this node fired itself is the latest firing while it leads, so the store need not be read.
        if (task.lastFiredKnown && Slots.latestDue(crontab, task.firedUpTo(), now).isEmpty()) {
            return true;
        }
        Optional<FiringLog.Fired> last = FiringLog.last(store, entry.task());
        task.lastFired = last.flatMap(FiringLog.Fired::slot).orElse(null);
        task.lastFiredKnown = true;
        Optional<Instant> due = Slots.latestDue(crontab, task.firedUpTo(), now);
        if (due.isEmpty()) {
            return true;
        }
        Instant slot = due.get();
        if (beat.missedPolicy() == MissedPolicy.SKIP && slot.isBefore(now.minus(beat.missedAfter()))) {
            if (!slot.equals(task.skippedSlot)) {
                LOG.info("Beat skips the missed slot {} of {} (missedPolicy {})", slot, entry.task(),
                        MissedPolicy.SKIP.configValue());
                task.skippedSlot = slot;
            }
            return true;
        }
        if (!FiringLog.record(store, entry.task(), last, slot, node.machineId(), held)) {
            task.lastFiredKnown = false;
            return LeaderLease.isCurrent(store, held);
        }
        task.lastFired = slot;
        send(entry, slot);
        return true;
    }

    private void send(ScheduleEntry entry, Instant slot) {
        try {
            String taskId = sender.send(entry.task(), entry.routingKey());
            LOG.info("Beat fired {} for {} on {} as task {}, {} ms after the slot", entry.task(), slot,
                    entry.routingKey(), taskId, Duration.between(slot, clock.instant()).toMillis());
        } catch (RuntimeException e) {
            // recorded before sending, so that no slot is sent twice: a slot that cannot be sent is lost
            LOG.error("Beat could not send {} for {}; that slot is lost: {}", entry.task(), slot, e.toString(), e);
        }
    }

    /** The schedules as this node applies them, with the last firing of each by any node. */
    List<ScheduledTask> schedules() {
        Instant now = clock.instant();
        return ScheduleEntry.resolve(tasks.get(), settings.overrides()).stream()
                .map(entry -> new ScheduledTask(entry.task(), entry.source(), entry.crontab(), entry.routingKey(),
                        FiringLog.last(store, entry.task()).flatMap(FiringLog.Fired::slot),
                        entry.crontab().flatMap(crontab -> crontab.next(now)), entry.problem()))
                .toList();
    }

    /** The holder of an unexpired lease. */
    Optional<BeatLeader> leader() {
        Instant now = clock.instant();
        return LeaderLease.read(store)
                .filter(holder -> holder.until().isAfter(now))
                .map(holder -> new BeatLeader(holder.node(), holder.until()));
    }
}
