package io.ovsworkers.api;

/**
 * A task raised an exception. Carries the failure in Celery's terms ({@code exc_type}, {@code exc_message},
 * {@code exc_module}) so that failures of Java and Python tasks look alike; for an inline call the cause is the
 * task's own exception.
 */
public class TaskFailedException extends OvsWorkersException {
    private static final long serialVersionUID = 1L;
    private final String taskName;
    private final String excType;
    private final String excModule;
    private final String excMessage;

    public TaskFailedException(String taskName, String excType, String excModule, String excMessage, Throwable cause) {
        super("Task '" + taskName + "' failed: " + excType + (excMessage == null || excMessage.isEmpty() ? "" : ": " + excMessage), cause);
        this.taskName = taskName;
        this.excType = excType;
        this.excModule = excModule;
        this.excMessage = excMessage;
    }

    public String taskName() {
        return taskName;
    }

    /** The exception's simple type name, Celery's {@code exc_type}. */
    public String excType() {
        return excType;
    }

    /** The exception's package (Java) or module (Python), Celery's {@code exc_module}. */
    public String excModule() {
        return excModule;
    }

    /** The exception's message, Celery's {@code exc_message}. */
    public String excMessage() {
        return excMessage;
    }
}
