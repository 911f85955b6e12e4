package io.ovsworkers.api.monitor;

/** Holds the thread's current task for {@link TaskContext}; an interface cannot hold a private field. */
final class TaskContextBinding {
    static final ThreadLocal<TaskContext> CURRENT = new ThreadLocal<>();

    private TaskContextBinding() {
    }
}
