package io.ovsworkers.api;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A crontab schedule in UTC with Celery's semantics. Each field takes what Celery's {@code crontab} takes:
 * {@code *}, numbers, ranges ({@code 1-5}), steps ({@code *}{@code /15}, {@code 1-30/5}), lists ({@code 0,30})
 * and weekday names ({@code mon-fri}). As in Celery, months are numbers only, and a day matches when both
 * {@code dayOfMonth} and {@code dayOfWeek} match (not either, as in Vixie cron).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Schedule {
    String minute() default "*";

    String hour() default "*";

    String dayOfWeek() default "*";

    String dayOfMonth() default "*";

    String monthOfYear() default "*";

    /** The routing key a firing is sent with; empty means the default route ({@code generic.default}). */
    String routingKey() default "";
}
