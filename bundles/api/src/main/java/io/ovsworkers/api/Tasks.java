package io.ovsworkers.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The entry point for callers: find tasks and run them inline or on workers. */
@ProviderType
public interface Tasks {

    /**
     * A handle on the task of that name. The task need not be registered yet: resolution happens at each call,
     * so a handle stays valid across plugin updates.
     */
    TaskRef task(String name);

    /** The task registered under that name now, if any. */
    Optional<TaskDescription> describe(String name);

    /** Every task registered now, by name. */
    List<TaskDescription> list();

    /** The result of an earlier asynchronous call, by task id. */
    AsyncResult result(String taskId);
}
