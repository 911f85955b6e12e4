package io.ovsworkers.arakoon.internal;

import io.ovsworkers.arakoon.client.ArakoonClient;
import io.ovsworkers.arakoon.client.ArakoonException;
import io.ovsworkers.arakoon.client.Consistency;
import io.ovsworkers.arakoon.client.Update;
import io.ovsworkers.spi.BackendException;
import io.ovsworkers.spi.ResultBackend;
import io.ovsworkers.spi.TaskResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ResultBackend} on Arakoon, readable by Celery: each result is Celery's JSON meta under
 * {@code <keyPrefix>celery-task-meta-<task id>} ({@code ovs_tasks_} by default, as Open vStorage keeps it).
 * Concurrent stores are committed together in one sequence. {@link #await} wakes at once for results stored by
 * this node and polls, with growing pauses, for results stored elsewhere. Groups are Celery's taskset meta under
 * {@code <keyPrefix>celery-taskset-meta-<group id>}. A periodic {@link #cleanup(Instant)} removes finished results
 * and groups older than the configured expiry, never unfinished results.
 */
@Component(service = ResultBackend.class)
@ServiceRanking(0)
public final class ArakoonResultBackend implements ResultBackend {
    private static final Logger LOG = LoggerFactory.getLogger(ArakoonResultBackend.class);
    private static final Duration FIRST_POLL = Duration.ofMillis(5);
    private static final Duration LONGEST_POLL = Duration.ofMillis(500);
    private static final int CLEANUP_PAGE = 500;
    private static final int CLEANUP_READS = 50;
    private static final int CLEANUP_SEQUENCE_BYTES = 4 * 1024 * 1024;

    private final ConcurrentHashMap<String, CountDownLatch> waiters = new ConcurrentHashMap<>();
    private GroupCommit writes;
    private ScheduledExecutorService cleaner;

    @Reference
    private ArakoonConnector connector;

    public ArakoonResultBackend() {
    }

    ArakoonResultBackend(ArakoonConnector connector) {
        this.connector = connector;
        activate();
    }

    @Activate
    void activate() {
        writes = new GroupCommit(client());
        Duration interval = connector.settings().cleanupInterval();
        if (!interval.isZero()) {
            cleaner = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "arakoon-result-cleanup");
                t.setDaemon(true);
                return t;
            });
            cleaner.scheduleWithFixedDelay(this::scheduledCleanup, interval.toSeconds(), interval.toSeconds(),
                    TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        if (cleaner != null) {
            cleaner.shutdownNow();
        }
        waiters.values().forEach(CountDownLatch::countDown);
    }

    private ArakoonClient client() {
        return connector.client();
    }

    private String metaPrefix() {
        return connector.settings().keyPrefix() + CeleryMeta.TASK_META;
    }

    private String key(String taskId) {
        return metaPrefix() + taskId;
    }

    private String groupPrefix() {
        return connector.settings().keyPrefix() + CeleryMeta.GROUP_META;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void store(TaskResult result) {
        writes.set(utf8(key(result.taskId())), CeleryMeta.encode(result));
        CountDownLatch waiting = waiters.remove(result.taskId());
        if (waiting != null) {
            waiting.countDown();
        }
    }

    @Override
    public Optional<TaskResult> get(String taskId) {
        String key = key(taskId);
        try {
            return client().find(Consistency.CONSISTENT, utf8(key)).map(meta -> CeleryMeta.decode(key, taskId, meta));
        } catch (ArakoonException e) {
            throw new BackendException("Arakoon read of " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public TaskResult await(String taskId, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_POLL.toNanos();
        while (true) {
            CountDownLatch stored = waiters.computeIfAbsent(taskId, id -> new CountDownLatch(1));
            try {
                Optional<TaskResult> known = getInterruptibly(taskId);
                long remaining = end - System.nanoTime();
                if (remaining <= 0 || known.map(r -> r.state().ready()).orElse(false)) {
                    return known.orElseGet(() -> TaskResult.pending(taskId));
                }
                stored.await(Math.min(pause, remaining), TimeUnit.NANOSECONDS);
                pause = Math.min(pause * 2, LONGEST_POLL.toNanos());
            } finally {
                waiters.remove(taskId, stored);
            }
        }
    }

    private Optional<TaskResult> getInterruptibly(String taskId) throws InterruptedException {
        try {
            return get(taskId);
        } catch (BackendException e) {
            if (Thread.interrupted()) {
                InterruptedException interrupted = new InterruptedException("interrupted while reading task " + taskId);
                interrupted.initCause(e);
                throw interrupted;
            }
            throw e;
        }
    }

    @Override
    public void forget(String taskId) {
        delete(key(taskId));
    }

    /** Celery's group meta under {@code <keyPrefix>celery-taskset-meta-<group id>}, committed with concurrent stores. */
    @Override
    public void saveGroup(String groupId, List<String> taskIds) {
        writes.set(utf8(groupPrefix() + groupId), CeleryMeta.encodeGroup(groupId, taskIds, Instant.now()));
    }

    @Override
    public Optional<List<String>> getGroup(String groupId) {
        String key = groupPrefix() + groupId;
        try {
            return client().find(Consistency.CONSISTENT, utf8(key)).map(meta -> CeleryMeta.decodeGroup(key, meta));
        } catch (ArakoonException e) {
            throw new BackendException("Arakoon read of " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void forgetGroup(String groupId) {
        delete(groupPrefix() + groupId);
    }

    private void delete(String key) {
        try {
            // a sequence holding only a Replace is safe to repeat, so the client retries it across failovers
            client().sequence(List.of(Update.replace(utf8(key), null)));
        } catch (ArakoonException e) {
            throw new BackendException("Arakoon delete of " + key + " failed: " + e.getMessage(), e);
        }
    }

    private void scheduledCleanup() {
        try {
            int removed = cleanup(Instant.now());
            LOG.info("Removed {} expired task results from Arakoon", removed);
        } catch (RuntimeException e) {
            LOG.warn("Cleanup of expired task results failed: {}", e.getMessage());
        }
    }

    /**
     * Removes the results of finished tasks (SUCCESS, FAILURE, REVOKED) whose {@code date_done} is older than the
     * expiry, and groups saved before it; PENDING, RECEIVED, STARTED and RETRY results stay, and so do values that
     * are not Celery JSON meta and groups without a {@code date_done} (Celery's own). Each removal is conditional on
     * the value read, so a result stored again meanwhile is kept. Keys are listed a page at a time and values read a
     * few at a time, so large results never pile up in memory or in one sequence.
     *
     * @return how many results and groups were removed
     */
    int cleanup(Instant now) {
        Instant expiredBefore = now.minus(connector.settings().resultExpiry());
        return cleanup(metaPrefix(), (name, value) -> expiredResult(name, value, expiredBefore))
                + cleanup(groupPrefix(), (name, value) -> expiredGroup(name, value, expiredBefore));
    }

    private int cleanup(String keyPrefix, BiPredicate<String, byte[]> expired) {
        byte[] prefix = utf8(keyPrefix);
        int removed = 0;
        byte[] after = null;
        while (true) {
            List<byte[]> keys = after == null
                    ? client().range(Consistency.CONSISTENT, prefix, true, null, true, CLEANUP_PAGE)
                    : client().range(Consistency.CONSISTENT, after, false, null, true, CLEANUP_PAGE);
            List<byte[]> ours = keys.stream().takeWhile(k -> startsWith(k, prefix)).toList();
            for (int from = 0; from < ours.size(); from += CLEANUP_READS) {
                removed += removeExpired(ours.subList(from, Math.min(from + CLEANUP_READS, ours.size())), expired);
            }
            if (ours.size() < keys.size() || keys.size() < CLEANUP_PAGE) {
                return removed;
            }
            after = keys.get(keys.size() - 1);
        }
    }

    private int removeExpired(List<byte[]> keys, BiPredicate<String, byte[]> expired) {
        List<Optional<byte[]>> values = client().multiGetOption(Consistency.CONSISTENT, keys);
        List<Update> deletions = new ArrayList<>();
        long bytes = 0;
        int removed = 0;
        for (int i = 0; i < keys.size(); i++) {
            byte[] value = values.get(i).orElse(null);
            if (value == null || !expired.test(new String(keys.get(i), StandardCharsets.UTF_8), value)) {
                continue;
            }
            if (!deletions.isEmpty() && bytes + value.length > CLEANUP_SEQUENCE_BYTES) {
                client().sequence(deletions);
                removed += deletions.size();
                deletions = new ArrayList<>();
                bytes = 0;
            }
            deletions.add(Update.testAndSet(keys.get(i), value, null));
            bytes += value.length;
        }
        if (!deletions.isEmpty()) {
            client().sequence(deletions);
            removed += deletions.size();
        }
        return removed;
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private boolean expiredResult(String name, byte[] value, Instant expiredBefore) {
        TaskResult result;
        try {
            result = CeleryMeta.decode(name, name.substring(metaPrefix().length()), value);
        } catch (BackendException e) {
            LOG.debug("Cleanup leaves {} alone: {}", name, e.getMessage());
            return false;
        }
        return result.state().ready() && result.dateDone() != null && result.dateDone().isBefore(expiredBefore);
    }

    private static boolean expiredGroup(String name, byte[] value, Instant expiredBefore) {
        try {
            return CeleryMeta.groupSavedAt(name, value).map(saved -> saved.isBefore(expiredBefore)).orElse(false);
        } catch (BackendException e) {
            LOG.debug("Cleanup leaves {} alone: {}", name, e.getMessage());
            return false;
        }
    }
}
