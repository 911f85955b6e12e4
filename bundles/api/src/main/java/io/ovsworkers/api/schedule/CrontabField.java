package io.ovsworkers.api.schedule;

/** The five crontab fields, named as in {@link io.ovsworkers.api.Schedule}, with the values Celery allows. */
enum CrontabField {
    MINUTE("minute", 0, 59),
    HOUR("hour", 0, 23),
    DAY_OF_WEEK("dayOfWeek", 0, 6),
    DAY_OF_MONTH("dayOfMonth", 1, 31),
    MONTH_OF_YEAR("monthOfYear", 1, 12);

    private final String fieldName;
    private final int min;
    private final int max;

    CrontabField(String fieldName, int min, int max) {
        this.fieldName = fieldName;
        this.min = min;
        this.max = max;
    }

    String fieldName() {
        return fieldName;
    }

    int min() {
        return min;
    }

    int max() {
        return max;
    }

    /**
     * The values {@code spec} fires on, as a bit set: bit {@code v} is set when the field matches value {@code v}.
     *
     * @throws InvalidCrontabException if Celery would refuse {@code spec}
     */
    long expand(String spec) {
        return new CrontabFieldParser(this, spec).expand();
    }
}
