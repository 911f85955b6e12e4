package io.ovsworkers.api;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.osgi.annotation.versioning.ProviderType;

/** The outcome of a task call, as Celery's {@code AsyncResult}. Values are JSON shaped (maps, lists, strings, numbers, booleans, null). */
@ProviderType
public interface AsyncResult {

    String id();

    TaskState state();

    /** Whether the task has finished, successfully or not. */
    boolean ready();

    /** Whether the task finished successfully. */
    boolean successful();

    /**
     * The return value once {@link TaskState#SUCCESS}, the failure once {@link TaskState#FAILURE}, the meta a running
     * task reported with {@link TaskState#PROGRESS}, otherwise null.
     */
    Object result();

    /**
     * Waits for the task to finish and returns its value.
     *
     * @throws TimeoutException if it has not finished within the timeout
     * @throws TaskFailedException if it failed or was revoked
     */
    Object get(Duration timeout) throws TimeoutException;
}
