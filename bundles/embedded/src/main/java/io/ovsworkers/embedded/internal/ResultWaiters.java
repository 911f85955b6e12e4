package io.ovsworkers.embedded.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Callers waiting for a task's result, woken when it is stored instead of polling the store. */
final class ResultWaiters {

    private final Map<String, List<CountDownLatch>> byTask = new HashMap<>();

    /** A latch released at the task's next store; register before reading so that no store goes unnoticed. */
    synchronized CountDownLatch register(String taskId) {
        CountDownLatch stored = new CountDownLatch(1);
        byTask.computeIfAbsent(taskId, id -> new ArrayList<>()).add(stored);
        return stored;
    }

    synchronized void unregister(String taskId, CountDownLatch stored) {
        List<CountDownLatch> latches = byTask.get(taskId);
        if (latches != null && latches.remove(stored) && latches.isEmpty()) {
            byTask.remove(taskId);
        }
    }

    synchronized void wake(String taskId) {
        List<CountDownLatch> latches = byTask.remove(taskId);
        if (latches != null) {
            latches.forEach(CountDownLatch::countDown);
        }
    }

    synchronized void wakeAll() {
        byTask.values().forEach(latches -> latches.forEach(CountDownLatch::countDown));
        byTask.clear();
    }
}
