package io.ovsworkers.core.internal.single;

/**
 * Who runs a task: an inline caller ({@code call}, {@code apply}: D1) or a worker executing a task message.
 *
 * @param inline whether the call is inline; only inline duplicates wait for a duplicate or get the callback
 * @param taskId the Celery task id, or null for an inline call without one
 * @param slot the worker slot to give back while waiting, or null for an inline call
 */
public record Caller(boolean inline, String taskId, WorkerSlot slot) {

    public static Caller inline(String taskId) {
        return new Caller(true, taskId, null);
    }

    public static Caller worker(String taskId, WorkerSlot slot) {
        return new Caller(false, taskId, slot);
    }
}
