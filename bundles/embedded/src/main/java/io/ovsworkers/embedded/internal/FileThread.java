package io.ovsworkers.embedded.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a store's file work on one thread of its own. A {@code FileChannel} closes itself when the thread using it is
 * interrupted, and MVStore then closes the whole store for every user; task threads do get interrupted (time limits,
 * {@code revoke --terminate}), so no caller's thread ever touches the file. Callers wait without being interruptible
 * and keep their interrupt for afterwards.
 */
final class FileThread implements AutoCloseable {
    private final ExecutorService executor;
    private volatile Thread thread;

    FileThread(String name) {
        executor = Executors.newSingleThreadExecutor(task -> {
            Thread created = new Thread(task, name);
            created.setDaemon(true);
            thread = created;
            return created;
        });
    }

    <T> T call(Supplier<T> work) {
        if (Thread.currentThread() == thread) {
            return work.get();
        }
        Future<T> outcome = executor.submit(work::get);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return outcome.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
