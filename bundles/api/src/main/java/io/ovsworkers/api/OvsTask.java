package io.ovsworkers.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a public method of a {@link TaskPlugin} component as a task, the counterpart of the original's
 * {@code ovs_task(name, schedule, ensure_single_info)}.
 *
 * <p>Arguments arrive as Celery {@code args} (by position) and {@code kwargs} (by parameter name; plugins are
 * compiled with {@code -parameters}) and are converted to the parameter types; the return value must be
 * representable as JSON.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OvsTask {

    /** The task name, unique in the cluster; by convention {@code ovs.<module>.<function>}. */
    String name();

    /** At most one schedule; none (the default) means the task is not scheduled. */
    Schedule[] schedule() default {};

    /** At most one ensure-single policy; none (the default) means no locking. */
    EnsureSingle[] ensureSingle() default {};
}
