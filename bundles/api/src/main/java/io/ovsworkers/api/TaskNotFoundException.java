package io.ovsworkers.api;

/** No plugin provides a task of that name on this node. */
public class TaskNotFoundException extends OvsWorkersException {
    private static final long serialVersionUID = 1L;
    private final String taskName;

    public TaskNotFoundException(String taskName) {
        super("No task named '" + taskName + "' is registered on this node");
        this.taskName = taskName;
    }

    public String taskName() {
        return taskName;
    }
}
