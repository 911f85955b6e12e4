package io.ovsworkers.embedded.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the embedded broker and store, PID {@value #PID}; with none, the defaults serve. */
@ObjectClassDefinition(id = EmbeddedConfig.PID, name = "OVS Workers embedded backends",
        description = "In-JVM broker and persistent store for one machine; they serve while no cluster backend is configured")
public @interface EmbeddedConfig {

    String PID = "io.ovsworkers.embedded";

    @AttributeDefinition(name = "Data folder",
            description = "Folder whose embedded/ subfolder holds the broker and store files. Empty: the framework"
                    + " property ovs.data.dir, or ./data without it")
    String dataDir() default "";
}
