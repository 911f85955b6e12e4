package io.ovsworkers.core.internal;

/** The worker counters as JMX attributes, under {@value WorkerMonitor#MBEAN_NAME}. */
public interface WorkerMetricsMBean {
    String getNodeId();

    long getUptimeSeconds();

    int getActiveTasks();

    long getTasksReceived();

    long getTasksSucceeded();

    long getTasksFailed();

    long getTasksRetried();

    long getTasksRevoked();
}
