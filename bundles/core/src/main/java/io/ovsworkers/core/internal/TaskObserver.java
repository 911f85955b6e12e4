package io.ovsworkers.core.internal;

import io.ovsworkers.spi.Delivery;
import io.ovsworkers.spi.TaskMessage;
import io.ovsworkers.spi.TaskResult;

/** What {@link TaskExecution} tells of each delivery, so that it can be watched, counted, revoked and terminated. */
interface TaskObserver {

    /** The delivery was taken to run (possibly later, for its eta). */
    void received(Delivery delivery);

    /** Whether the task was revoked, so that it must not run. */
    boolean revoked(String taskId);

    /** The task was not run: revoked, or {@code expired}. */
    void notRun(TaskMessage message, boolean expired);

    /** The task starts on the current thread, which may be interrupted from now on to terminate it. */
    void started(Delivery delivery);

    /**
     * The task ended with this outcome; returns the outcome to record: REVOKED when it was terminated. Clears an
     * interrupt that terminating left on the current thread.
     */
    TaskResult finished(TaskMessage message, TaskResult outcome);

    /** The delivery is settled or handed back; whatever is kept of it while it ran is dropped. */
    void settled(TaskMessage message);
}
