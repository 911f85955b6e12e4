package io.ovsworkers.api.schedule;

import io.ovsworkers.api.OvsWorkersException;

/** A crontab field that Celery's {@code crontab} would refuse. */
public class InvalidCrontabException extends OvsWorkersException {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final String value;

    /**
     * @param field  the field's name as in {@link io.ovsworkers.api.Schedule}: {@code minute}, {@code hour},
     *               {@code dayOfWeek}, {@code dayOfMonth} or {@code monthOfYear}
     * @param value  the refused field text, or {@code null} when the field was missing
     * @param reason what is wrong with it
     */
    public InvalidCrontabException(String field, String value, String reason) {
        super("Invalid crontab field " + field + (value == null ? "" : "='" + value + "'") + ": " + reason);
        this.field = field;
        this.value = value;
    }

    /** The field's name as in {@link io.ovsworkers.api.Schedule}, for example {@code dayOfWeek}. */
    public String field() {
        return field;
    }

    /** The refused field text; {@code null} when the field was missing. */
    public String value() {
        return value;
    }
}
