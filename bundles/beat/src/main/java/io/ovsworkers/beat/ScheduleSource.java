package io.ovsworkers.beat;

/** Where a task's schedule comes from, in the original's words. */
public enum ScheduleSource {
    /** The crontab of the task's {@code @OvsTask(schedule=...)}. */
    CODE("scheduled from code"),
    /** A crontab in configuration replaces the one in code. */
    CONFIGURATION("scheduled from configuration"),
    /** The configuration maps the task to null: it is not fired. */
    DISABLED_BY_CONFIGURATION("disabled by configuration"),
    /** The configuration's crontab for the task is invalid: it is not fired until the configuration is fixed. */
    ERROR_IN_CONFIGURATION("error in configuration");

    private final String description;

    ScheduleSource(String description) {
        this.description = description;
    }

    /** The words the original's beat logs, for example {@code scheduled from code}. */
    public String description() {
        return description;
    }
}
