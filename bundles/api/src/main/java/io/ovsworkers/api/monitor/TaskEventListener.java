package io.ovsworkers.api.monitor;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: every service of this type hears of every task event on this node (Celery events, metrics). Called on
 * the worker's thread, so it must return quickly and never throw.
 */
@ConsumerType
@FunctionalInterface
public interface TaskEventListener {
    void onTaskEvent(TaskEvent event);
}
