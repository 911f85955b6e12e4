package io.ovsworkers.arakoon.internal;

import io.ovsworkers.arakoon.client.ArakoonClient;
import io.ovsworkers.arakoon.client.ArakoonException;
import io.ovsworkers.arakoon.client.Update;
import io.ovsworkers.spi.BackendException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Coalesces concurrent SETs into one SEQUENCE. Every write to Arakoon costs a consensus round and a sync, so one
 * write at a time caps a node at about a thousand per second, while a sequence of a hundred costs little more than
 * one. A caller queues its write and then commits everything queued so far, unless another caller's sequence already
 * carried it; while one sequence is in flight, the next batch gathers. A sequence of SETs is safe to repeat, so the
 * client retries it across failovers.
 */
final class GroupCommit {
    /** Keeps one sequence far below the server's 32 MiB buffer limit. */
    private static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;
    private static final int MAX_BATCH_WRITES = 1000;

    private final ArakoonClient client;
    private final ConcurrentLinkedQueue<Write> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock committing = new ReentrantLock();

    private record Write(byte[] key, byte[] value, CompletableFuture<Void> done) {
    }

    GroupCommit(ArakoonClient client) {
        this.client = client;
    }

    /** Stores the value; durable when this returns. */
    void set(byte[] key, byte[] value) {
        if (value.length >= client.config().maxValueSize()) {
            throw new IllegalArgumentException("a value of " + value.length + " bytes is not below the cluster's"
                    + " limit of " + client.config().maxValueSize() + " bytes");
        }
        Write write = new Write(key, value, new CompletableFuture<>());
        queue.add(write);
        committing.lock();
        try {
            while (!write.done().isDone()) {
                commitQueued();
            }
        } finally {
            committing.unlock();
        }
        try {
            write.done().get();
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while storing", e);
        }
    }

    private void commitQueued() {
        List<Write> batch = new ArrayList<>();
        long bytes = 0;
        for (Write next = queue.peek(); next != null && batch.size() < MAX_BATCH_WRITES
                && (batch.isEmpty() || bytes + next.value().length < MAX_BATCH_BYTES); next = queue.peek()) {
            batch.add(queue.poll());
            bytes += next.key().length + next.value().length;
        }
        try {
            client.sequence(batch.stream().map(w -> Update.set(w.key(), w.value())).toList());
            batch.forEach(w -> w.done().complete(null));
        } catch (ArakoonException e) {
            BackendException failure = new BackendException("Arakoon sequence of " + batch.size()
                    + " result writes failed: " + e.getMessage(), e);
            batch.forEach(w -> w.done().completeExceptionally(failure));
        }
    }
}
