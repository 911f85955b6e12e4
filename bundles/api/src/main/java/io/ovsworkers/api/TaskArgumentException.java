package io.ovsworkers.api;

/** The arguments of a call do not fit the task's parameters: one is missing, extra or not convertible. */
public class TaskArgumentException extends OvsWorkersException {
    private static final long serialVersionUID = 1L;
    private final String taskName;
    private final String parameter;

    public TaskArgumentException(String taskName, String parameter, String problem) {
        this(taskName, parameter, problem, null);
    }

    public TaskArgumentException(String taskName, String parameter, String problem, Throwable cause) {
        super("Task '" + taskName + "', parameter '" + parameter + "': " + problem, cause);
        this.taskName = taskName;
        this.parameter = parameter;
    }

    public String taskName() {
        return taskName;
    }

    /** The parameter (or keyword) that was wrong. */
    public String parameter() {
        return parameter;
    }
}
