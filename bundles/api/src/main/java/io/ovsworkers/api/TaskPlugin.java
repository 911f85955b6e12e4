package io.ovsworkers.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type that marks a DS component as a provider of {@link OvsTask} methods. The core's task
 * registry tracks every service carrying {@value #PLUGIN_PROPERTY}{@code =true}.
 *
 * <pre>
 * &#64;Component(service = SnapshotTasks.class)
 * &#64;TaskPlugin
 * public class SnapshotTasks { ... }
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@ComponentPropertyType
public @interface TaskPlugin {
    /** Service property the registry filters on. */
    String PLUGIN_PROPERTY = "ovs.task.plugin";

    String PREFIX_ = "ovs.task.";

    /** Always true; present so that the property is written. */
    boolean plugin() default true;
}
