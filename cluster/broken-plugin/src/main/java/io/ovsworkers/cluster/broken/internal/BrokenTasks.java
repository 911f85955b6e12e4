package io.ovsworkers.cluster.broken.internal;

import io.ovsworkers.api.OvsTask;
import io.ovsworkers.api.TaskPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** A plugin whose component fails to activate: the node must log it, keep running and never offer its task. */
@Component(service = BrokenTasks.class)
@TaskPlugin
public class BrokenTasks {

    @Activate
    void activate() {
        throw new IllegalStateException("cluster scenario: this plugin's activation fails on purpose");
    }

    @OvsTask(name = "cluster.broken.never")
    public String never() {
        return "unreachable while activation fails";
    }
}
