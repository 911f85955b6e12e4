package io.ovsworkers.core.internal.single;

import io.ovsworkers.api.EnsureSingleTimeoutReached;
import io.ovsworkers.api.Mode;
import io.ovsworkers.api.NodeInfo;
import io.ovsworkers.api.TaskArgumentException;
import io.ovsworkers.api.locks.LockRegistration;
import io.ovsworkers.api.locks.Locks;
import io.ovsworkers.core.internal.ConfigurationValues;
import io.ovsworkers.core.internal.ConfigurationValues.InvalidConfiguration;
import io.ovsworkers.core.internal.Json;
import io.ovsworkers.core.internal.TaskFailures;
import io.ovsworkers.core.internal.single.KeyUpdates.Change;
import io.ovsworkers.core.internal.single.KeyUpdates.Updated;
import io.ovsworkers.spi.BackendException;
import io.ovsworkers.spi.KeyValueOperation;
import io.ovsworkers.spi.KeyValueStore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ensure-single engine: lets a call of a task with a policy run, wait, get the callback or be discarded, as the
 * original's modes do, with its state in the highest-ranked {@link KeyValueStore} under the original's keys.
 *
 * <p>Unlike the original, checking and registering is one compare-and-set (D2), every registration names its owner
 * (node, task id) and carries a lease that this node renews while the call runs or waits (D3), a node removes its
 * own stale registrations when it starts without asking the cluster (D3), and arguments compare as canonical JSON
 * (D4). Waiting polls the store with back-off and is woken at once by releases on this node; an asynchronous call
 * gives its worker slot back while it waits.
 */
@Component(service = {EnsureSingleGate.class, Locks.class}, configurationPid = EnsureSingleGate.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = EnsureSingleGate.Config.class)
public final class EnsureSingleGate implements Locks {
    static final String PID = "io.ovsworkers.ensuresingle";
    private static final Logger LOG = LoggerFactory.getLogger(EnsureSingleGate.class);
    private static final Duration FIRST_POLL = Duration.ofMillis(50);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(1);
    private static final int DEFAULT_LEASE_SECONDS = 30;
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int MAX_KEYS = 100_000;

    @ObjectClassDefinition(name = "OVS Workers ensure-single", description = "Leases of the ensure-single registrations")
    public @interface Config {
        @AttributeDefinition(description = "Seconds a registration stays valid unless its node renews it (every third of it);"
                + " after a node died, its registrations block others this long at most")
        int leaseSeconds() default DEFAULT_LEASE_SECONDS;
    }

    /** A registration this node wrote and has not removed yet: renewed until it is. */
    private static final class Held {
        final String key;
        final String id;
        final String taskName;
        volatile byte[] lastValue;
        volatile boolean lost;

        Held(String key, String id, String taskName, byte[] lastValue) {
            this.key = key;
            this.id = id;
            this.taskName = taskName;
            this.lastValue = lastValue;
        }
    }

    /** What a DEDUPED or CHAINED call found when it tried to register; {@code duplicateId} null means registered. */
    private record Admission(String duplicateId) {
    }

    @Reference
    private NodeInfo node;

    private volatile KeyValueStore store;
    private volatile Duration lease = Duration.ofSeconds(DEFAULT_LEASE_SECONDS);
    private final GateListener listener;
    private final Set<Held> held = ConcurrentHashMap.newKeySet();
    private final KeySignals signals = new KeySignals();
    private ScheduledExecutorService renewals;

    public EnsureSingleGate() {
        listener = GateListener.LOGGING;
    }

    /** Outside OSGi: wired by hand, then {@link #start()}ed. */
    public EnsureSingleGate(NodeInfo node, KeyValueStore store, Duration lease, GateListener listener) {
        this.node = node;
        this.store = store;
        this.lease = lease;
        this.listener = listener;
    }

    @Activate
    void activate(Map<String, Object> properties) {
        modified(properties);
        start();
    }

    @Modified
    void modified(Map<String, Object> properties) {
        try {
            lease = Duration.ofSeconds(new ConfigurationValues(PID, properties).integer("leaseSeconds", DEFAULT_LEASE_SECONDS, 1, 86400));
        } catch (InvalidConfiguration refused) {
            LOG.error("{}; keeping a lease of {} s", refused.getMessage(), lease.toSeconds());
        }
    }

    /** Starts renewing leases and removes what this node left in the store before it (re)started. */
    public void start() {
        renewals = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ovs-ensure-single-leases");
            thread.setDaemon(true);
            return thread;
        });
        scheduleRenewal();
        if (store != null) {
            removeStaleOwnRegistrations();
        }
    }

    /**
     * Stops renewing. Registrations still held (calls that are running or waiting) are removed when those calls end;
     * if they never end (the node is going down), their leases run out.
     */
    @Deactivate
    public void stop() {
        renewals.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindStore(KeyValueStore newStore) {
        store = newStore;
        ScheduledExecutorService running = renewals;
        if (running != null && !running.isShutdown()) {
            running.execute(this::removeStaleOwnRegistrations);
        }
    }

    void unbindStore(KeyValueStore gone) {
        if (store == gone) {
            store = null;
        }
    }

    /**
     * Runs the call under its policy.
     *
     * @param task runs the task
     * @param callback runs the policy's callback, or null when it has none
     * @return what the task or the callback returned, or null for a discarded call or one whose duplicate finished
     * @throws EnsureSingleTimeoutReached if a DEDUPED or CHAINED call could not start within its timeout
     * @throws BackendException if no key-value store is available or it failed
     */
    public Object run(GuardedCall call, Supplier<Object> task, Supplier<Object> callback) {
        KeyValueStore kv = store;
        if (kv == null) {
            throw new BackendException("Task " + call.taskName() + " has an ensure-single policy (" + call.policy().mode()
                    + ") but no key-value store is available on node " + node.machineId() + "; it did not run");
        }
        call.hooks().fire("before_validation");
        return call.policy().mode() == Mode.DEFAULT ? runDefault(kv, call, task, callback) : runQueued(kv, call, task, callback);
    }

    private Object runDefault(KeyValueStore kv, GuardedCall call, Supplier<Object> task, Supplier<Object> callback) {
        String id = newId();
        String own = new LockKey(call.taskName(), Mode.DEFAULT).key();
        Set<String> keys = new LinkedHashSet<>();
        keys.add(own);
        for (String extra : call.policy().extraTaskNames()) {
            keys.add(new LockKey(extra, Mode.DEFAULT).key());
        }
        Map<String, byte[]> observed = new LinkedHashMap<>();
        boolean verified = false;
        while (true) {
            Instant now = Instant.now();
            List<KeyValueOperation> operations = new ArrayList<>();
            boolean blocked = false;
            for (String key : keys) {
                byte[] value = observed.get(key);
                List<Registration> stored = Codec.read(key, value);
                if (stored.stream().anyMatch(r -> r.liveAt(now))) {
                    blocked = true;
                    break;
                }
                operations.add(new KeyValueOperation.AssertValue(key, value));
                if (value != null && !key.equals(own)) {
                    operations.add(new KeyValueOperation.Delete(key));
                }
            }
            if (blocked && verified) {
                if (!redelivered(call, keys, observed, now)) {
                    return duplicate(call, id, callback);
                }
                awaitRelease(kv, call, id, own);
                observed.clear();
                verified = false;
                continue;
            }
            if (!blocked) {
                Registration me = Registration.create(id, node.machineId(), call.caller().taskId(), null, now.plus(lease));
                byte[] value = Codec.write(List.of(me));
                operations.add(new KeyValueOperation.Set(own, value));
                if (kv.commit(operations)) {
                    return execute(call, hold(own, id, call, value), task);
                }
            }
            for (String key : keys) {
                observed.put(key, kv.get(key).orElse(null));
            }
            verified = true;
        }
    }

    /**
     * Whether every live registration in the way carries this worker call's own task id: an earlier delivery of the
     * same message, whose node died or lost its broker connection mid-run, so the broker delivered it again. That is
     * no duplicate to discard (the task would be lost, reported as done); it runs once the earlier run is gone.
     */
    private static boolean redelivered(GuardedCall call, Set<String> keys, Map<String, byte[]> observed, Instant now) {
        if (call.caller().inline() || call.caller().taskId() == null) {
            return false;
        }
        List<Registration> live = keys.stream().flatMap(key -> Codec.read(key, observed.get(key)).stream())
                .filter(r -> r.liveAt(now)).toList();
        return !live.isEmpty() && live.stream().allMatch(r -> r.taskId().filter(call.caller().taskId()::equals).isPresent());
    }

    /** Waits until the earlier run's registration is released or its lease, no longer renewed, expires. */
    private void awaitRelease(KeyValueStore kv, GuardedCall call, String id, String key) {
        listener.on(call, id, GateEvent.WAITING_FOR_DUPLICATE);
        LOG.info("{} - Task {} [{}] was delivered again while its earlier run still holds the registration; waiting for"
                + " that run to end or its lease to expire", prefix(call, id), call.taskName(), call.caller().taskId());
        long poll = FIRST_POLL.toNanos();
        long seen = signals.version(key);
        try {
            while (Codec.read(key, kv.get(key).orElse(null)).stream()
                    .anyMatch(r -> r.liveAt(Instant.now()) && r.taskId().filter(call.caller().taskId()::equals).isPresent())) {
                signals.await(key, seen, poll);
                poll = Math.min(poll * 2, LONGEST_POLL.toNanos());
                seen = signals.version(key);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw TaskFailures.failed(call.taskName(), interrupted);
        }
    }

    private Object runQueued(KeyValueStore kv, GuardedCall call, Supplier<Object> task, Supplier<Object> callback) {
        String id = newId();
        String key = new LockKey(call.taskName(), call.policy().mode()).key();
        Map<String, Object> arguments = comparedArguments(call);
        String canonical = Codec.canonical(arguments);
        long deadline = System.nanoTime() + nanos(timeout(call));
        Updated<Admission> admitted = KeyUpdates.updateBelieving(kv, key, null, live -> {
            List<Registration> identical = live.stream().filter(r -> r.sameArguments(canonical)).toList();
            if (identical.size() >= 2) {
                return new Change<>(null, new Admission(identical.get(1).id().orElse("")));
            }
            List<Registration> next = new ArrayList<>(live);
            next.add(Registration.create(id, node.machineId(), call.caller().taskId(), arguments, Instant.now().plus(lease)));
            return new Change<>(next, new Admission(null));
        });
        if (admitted.outcome().duplicateId() != null) {
            if (!call.caller().inline() || callback != null) {
                return duplicate(call, id, callback);
            }
            return waitForDuplicate(kv, call, id, key, admitted.outcome().duplicateId(), deadline);
        }
        Held registration = hold(key, id, call, admitted.value());
        try {
            if (!turn(call.policy().mode(), admitted.registrations(), id, canonical)) {
                listener.on(call, id, GateEvent.QUEUED);
                awaitTurn(kv, call, registration, canonical, arguments, deadline);
            }
        } catch (RuntimeException | Error e) {
            release(registration);
            throw e;
        }
        return execute(call, registration, task);
    }

    /** DEDUPED: the first live registration with these arguments is mine; CHAINED: the first of all is mine. */
    private static boolean turn(Mode mode, List<Registration> live, String id, String canonical) {
        return live.stream().filter(r -> mode == Mode.CHAINED || r.sameArguments(canonical)).findFirst()
                .map(first -> first.hasId(id)).orElse(false);
    }

    /**
     * Polls until the registration's turn comes, giving the worker slot back meanwhile and taking one again before
     * the task runs; a call that fails while waiting returns without a slot.
     */
    private void awaitTurn(KeyValueStore kv, GuardedCall call, Held registration, String canonical, Map<String, Object> arguments,
                           long deadline) {
        WorkerSlot slot = call.caller().slot();
        if (slot != null) {
            slot.release();
        }
        try {
            long poll = FIRST_POLL.toNanos();
            long seen = signals.version(registration.key);
            while (true) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    listener.on(call, registration.id, GateEvent.TIMED_OUT);
                    LOG.info("{} - Could not start task {} within timeout of {}s while queued. Removed it from queue",
                            prefix(call, registration.id), call.taskName(), timeout(call));
                    throw timeoutReached(call, registration.id);
                }
                signals.await(registration.key, seen, Math.min(poll, remaining));
                poll = Math.min(poll * 2, LONGEST_POLL.toNanos());
                seen = signals.version(registration.key);
                Updated<Boolean> polled = KeyUpdates.update(kv, registration.key, live -> {
                    if (live.stream().anyMatch(r -> r.hasId(registration.id))) {
                        return new Change<>(null, turn(call.policy().mode(), live, registration.id, canonical));
                    }
                    LOG.warn("{} - The registration of task {} was removed while it waited (cleared, or its lease ran out);"
                            + " it queues again at the end", prefix(call, registration.id), call.taskName());
                    List<Registration> next = new ArrayList<>(live);
                    next.add(Registration.create(registration.id, node.machineId(), call.caller().taskId(), arguments,
                            Instant.now().plus(lease)));
                    return new Change<>(next, turn(call.policy().mode(), next, registration.id, canonical));
                });
                registration.lastValue = polled.value();
                if (polled.outcome()) {
                    if (slot != null) {
                        slot.reacquire();
                    }
                    return;
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw TaskFailures.failed(call.taskName(), interrupted);
        }
    }

    /** An inline DEDUPED or CHAINED duplicate without callback waits until the waiting identical call has finished. */
    private Object waitForDuplicate(KeyValueStore kv, GuardedCall call, String id, String key, String duplicateId, long deadline) {
        listener.on(call, id, GateEvent.WAITING_FOR_DUPLICATE);
        long poll = FIRST_POLL.toNanos();
        long seen = signals.version(key);
        try {
            while (true) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    listener.on(call, id, GateEvent.TIMED_OUT);
                    LOG.info("{} - Could not start task {} within timeout of {}s while waiting for other tasks",
                            prefix(call, id), call.taskName(), timeout(call));
                    throw timeoutReached(call, id);
                }
                signals.await(key, seen, Math.min(poll, remaining));
                poll = Math.min(poll * 2, LONGEST_POLL.toNanos());
                seen = signals.version(key);
                Instant now = Instant.now();
                boolean present = Codec.read(key, kv.get(key).orElse(null)).stream()
                        .anyMatch(r -> r.liveAt(now) && r.hasId(duplicateId));
                if (!present) {
                    listener.on(call, id, GateEvent.WAITED);
                    call.hooks().fire("after_validation");
                    return null;
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw TaskFailures.failed(call.taskName(), interrupted);
        }
    }

    private Object duplicate(GuardedCall call, String id, Supplier<Object> callback) {
        if (call.caller().inline() && callback != null) {
            listener.on(call, id, GateEvent.CALLBACK);
            call.hooks().fire("before_callback");
            call.hooks().fire("after_validation");
            Object value = callback.get();
            call.hooks().fire("after_callback");
            return value;
        }
        listener.on(call, id, GateEvent.DISCARDED);
        call.hooks().fire("before_discard");
        call.hooks().fire("after_validation");
        call.hooks().fire("after_discard");
        return null;
    }

    private Object execute(GuardedCall call, Held registration, Supplier<Object> task) {
        try {
            listener.on(call, registration.id, GateEvent.RUNNING);
            call.hooks().fire("after_validation");
            call.hooks().fire("before_execution");
            Object value = task.get();
            call.hooks().fire("after_execution");
            return value;
        } finally {
            release(registration);
        }
    }

    private Held hold(String key, String id, GuardedCall call, byte[] value) {
        Held registration = new Held(key, id, call.taskName(), value);
        held.add(registration);
        return registration;
    }

    /** Removes the registration; when the store fails, its lease runs out instead. */
    private void release(Held registration) {
        held.remove(registration);
        KeyValueStore kv = store;
        try {
            if (kv != null) {
                KeyUpdates.updateBelieving(kv, registration.key, registration.lastValue, live -> new Change<>(
                        live.stream().filter(r -> !r.hasId(registration.id)).toList(), null));
            }
        } catch (RuntimeException e) {
            LOG.error("Could not remove registration {} of task {} from {}; it expires with its lease", registration.id,
                    registration.taskName, registration.key, e);
        } finally {
            signals.signal(registration.key);
        }
    }

    private void scheduleRenewal() {
        long period = Math.max(1, lease.toMillis() / 3);
        renewals.schedule(() -> {
            renewLeases();
            if (!renewals.isShutdown()) {
                scheduleRenewal();
            }
        }, period, TimeUnit.MILLISECONDS);
    }

    /** Extends the lease of every registration this node holds, one compare-and-set per key. */
    private void renewLeases() {
        KeyValueStore kv = store;
        if (kv == null || held.isEmpty()) {
            return;
        }
        Map<String, List<Held>> byKey = held.stream().collect(Collectors.groupingBy(h -> h.key));
        for (Map.Entry<String, List<Held>> entry : byKey.entrySet()) {
            Map<String, Held> ids = entry.getValue().stream().collect(Collectors.toMap(h -> h.id, h -> h));
            try {
                Updated<Set<String>> renewed = KeyUpdates.update(kv, entry.getKey(), live -> {
                    Instant until = Instant.now().plus(lease);
                    Set<String> found = new LinkedHashSet<>();
                    List<Registration> next = live.stream().map(r -> {
                        Optional<String> id = r.id().filter(ids::containsKey);
                        id.ifPresent(found::add);
                        return id.isPresent() ? r.withLease(until) : r;
                    }).toList();
                    return new Change<>(found.isEmpty() ? null : next, found);
                });
                for (Held registration : entry.getValue()) {
                    registration.lastValue = renewed.value();
                    if (!renewed.outcome().contains(registration.id) && held.contains(registration) && !registration.lost) {
                        registration.lost = true;
                        LOG.warn("Registration {} of task {} is gone from {} (cleared, or its lease ran out while this node"
                                + " could not renew it): another instance may start", registration.id, registration.taskName, entry.getKey());
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not renew the leases in {}; retrying in {} ms", entry.getKey(), lease.toMillis() / 3, e);
            }
        }
    }

    /**
     * Removes the registrations of this node that no call of this runtime holds: left by an earlier run of the node
     * that died or was stopped mid-call. Asks no other node (D3).
     *
     * @return how many were removed
     */
    public int removeStaleOwnRegistrations() {
        KeyValueStore kv = store;
        if (kv == null) {
            return 0;
        }
        String me = node.machineId();
        Set<String> mine = held.stream().map(h -> h.id).collect(Collectors.toSet());
        int removed = 0;
        try {
            for (String key : kv.keys(LockKey.PREFIX, MAX_KEYS)) {
                if (LockKey.parse(key).isEmpty()) {
                    continue;
                }
                Updated<Integer> cleaned = KeyUpdates.update(kv, key, live -> {
                    List<Registration> kept = live.stream()
                            .filter(r -> !r.node().filter(me::equals).isPresent() || r.id().filter(mine::contains).isPresent())
                            .toList();
                    return new Change<>(kept.size() == live.size() ? null : kept, live.size() - kept.size());
                });
                removed += cleaned.outcome();
                signals.signal(key);
            }
        } catch (RuntimeException e) {
            LOG.error("Could not remove the stale ensure-single registrations of node {}; they expire with their leases", me, e);
        }
        if (removed > 0) {
            LOG.info("Removed {} stale ensure-single registration(s) of node {} left by its previous run", removed, me);
        }
        return removed;
    }

    @Override
    public List<LockRegistration> list() {
        KeyValueStore kv = requireStore();
        List<LockRegistration> all = new ArrayList<>();
        for (String key : kv.keys(LockKey.PREFIX, MAX_KEYS)) {
            Optional<LockKey> parsed = LockKey.parse(key);
            if (parsed.isEmpty()) {
                continue;
            }
            List<Registration> registrations = Codec.read(key, kv.get(key).orElse(null));
            for (int i = 0; i < registrations.size(); i++) {
                Registration r = registrations.get(i);
                all.add(new LockRegistration(parsed.get().taskName(), parsed.get().mode(), i, r.id(), r.node(), r.taskId(),
                        r.arguments(), r.registeredAt(), r.leaseExpires()));
            }
        }
        return all;
    }

    @Override
    public int clear(String taskName) {
        KeyValueStore kv = requireStore();
        int removed = 0;
        for (Mode mode : Mode.values()) {
            String key = new LockKey(taskName, mode).key();
            while (true) {
                byte[] value = kv.get(key).orElse(null);
                if (value == null) {
                    break;
                }
                if (kv.compareAndSet(key, value, null)) {
                    int count = Codec.read(key, value).size();
                    removed += count;
                    LOG.warn("Cleared {} ensure-single registration(s) of task {} in {} on an operator's request", count, taskName, key);
                    signals.signal(key);
                    break;
                }
            }
        }
        return removed;
    }

    private KeyValueStore requireStore() {
        KeyValueStore kv = store;
        if (kv == null) {
            throw new BackendException("No key-value store is available on node " + node.machineId()
                    + ": the ensure-single registrations cannot be read");
        }
        return kv;
    }

    /** The original's dict: positional arguments by parameter name, then the keyword arguments, less the ignored ones. */
    private static Map<String, Object> comparedArguments(GuardedCall call) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        Object[] args = call.args() == null ? new Object[0] : call.args();
        for (int i = 0; i < args.length && i < call.parameterNames().size(); i++) {
            arguments.put(call.parameterNames().get(i), args[i]);
        }
        if (call.kwargs() != null) {
            arguments.putAll(call.kwargs());
        }
        for (String ignored : call.policy().ignoreArguments()) {
            arguments.remove(ignored);
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> shaped = (Map<String, Object>) Json.toJsonShape(arguments);
            return shaped;
        } catch (IllegalArgumentException notJson) {
            throw new TaskArgumentException(call.taskName(), "arguments", "not representable as JSON, which "
                    + call.policy().mode() + " needs to compare calls: " + notJson.getMessage(), notJson);
        }
    }

    private static Number timeout(GuardedCall call) {
        return call.timeout() != null ? call.timeout() : call.policy().globalTimeout();
    }

    private static long nanos(Number seconds) {
        return new BigDecimal(seconds.toString()).movePointRight(9).min(BigDecimal.valueOf(Long.MAX_VALUE / 2)).longValue();
    }

    private static EnsureSingleTimeoutReached timeoutReached(GuardedCall call, String id) {
        Number seconds = timeout(call);
        String prefix = prefix(call, id);
        boolean integral = seconds instanceof Long || seconds instanceof Integer || seconds instanceof Short
                || seconds instanceof Byte || seconds instanceof BigInteger;
        return integral ? new EnsureSingleTimeoutReached(prefix, call.taskName(), seconds.longValue())
                : new EnsureSingleTimeoutReached(prefix, call.taskName(), seconds.doubleValue());
    }

    private static String prefix(GuardedCall call, String id) {
        return "Ensure single " + call.policy().mode() + " mode - ID " + id;
    }

    /** The original's registration id: {@code <epoch seconds>_<10 random letters and digits>}. */
    private static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder(21).append(Instant.now().getEpochSecond()).append('_');
        for (int i = 0; i < 10; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
