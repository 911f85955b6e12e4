package io.ovsworkers.api;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps a task single across the cluster, the original's {@code ensure_single_info}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface EnsureSingle {

    Mode mode();

    /**
     * Other tasks whose running instance also blocks this one (one direction only). Allowed in
     * {@link Mode#DEFAULT} only; a task declaring them in another mode is refused at registration.
     */
    String[] extraTaskNames() default {};

    /** Seconds a DEDUPED or CHAINED call waits for its turn before {@link EnsureSingleTimeoutReached}. */
    long globalTimeout() default 300;

    /**
     * Name of a public method of the same component, taking the same parameters as the task, that an
     * <em>inline</em> caller gets instead of the task while an identical one is running. Empty: none.
     */
    String callback() default "";

    /** Parameter names left out when DEDUPED and CHAINED compare arguments. */
    String[] ignoreArguments() default {};
}
