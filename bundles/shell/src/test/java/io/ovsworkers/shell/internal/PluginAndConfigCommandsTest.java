package io.ovsworkers.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ovsworkers.api.AsyncResult;
import io.ovsworkers.api.TaskDescription;
import io.ovsworkers.api.TaskRef;
import io.ovsworkers.api.TaskState;
import io.ovsworkers.api.Tasks;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The output of plugins, config and result (with progress) on a known state. Tasks, bundles, ConfigurationAdmin and
 * results are test doubles (proxies answering only what the commands ask): the framework and the core are not here.
 */
class PluginAndConfigCommandsTest {

    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
            }
            return answers.get(method.getName());
        }));
    }

    private static Bundle bundle(String name, String version, int state, long id) {
        return proxy(Bundle.class, Map.of("getSymbolicName", name, "getVersion", Version.parseVersion(version), "getState", state,
                "getBundleId", id));
    }

    private static TaskDescription task(String name, String bundle) {
        return new TaskDescription(name, bundle, "1.2.0", List.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Tasks that lists the given descriptions, and whose results are all one fixed result. */
    private static Tasks tasks(List<TaskDescription> registered, AsyncResult result) {
        return new Tasks() {
            @Override
            public TaskRef task(String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<TaskDescription> describe(String name) {
                return registered.stream().filter(t -> t.name().equals(name)).findFirst();
            }

            @Override
            public List<TaskDescription> list() {
                return registered;
            }

            @Override
            public AsyncResult result(String taskId) {
                return result;
            }
        };
    }

    @Test
    void pluginsListTheBundlesThatProvideTasks() {
        PluginCommands commands = new PluginCommands();
        commands.tasks = tasks(List.of(task("ovs.vdisk.sync", "ovs.plugin.vdisk"), task("ovs.vdisk.clone", "ovs.plugin.vdisk"),
                task("ovs.mds.checkup", "ovs.plugin.mds")), null);
        commands.bundles = () -> List.of(bundle("ovs.plugin.vdisk", "1.2.0", Bundle.ACTIVE, 14), bundle("ovs.plugin.mds", "1.2.0", Bundle.STOPPING, 15));
        assertEquals("""
                BUNDLE            VERSION  STATE     ID  TASKS
                ovs.plugin.mds    1.2.0    STOPPING  15  1: ovs.mds.checkup
                ovs.plugin.vdisk  1.2.0    ACTIVE    14  2: ovs.vdisk.sync, ovs.vdisk.clone""", commands.plugins());
        commands.tasks = tasks(List.of(), null);
        assertEquals("No bundle provides tasks. Drop a plugin bundle into deploy/ or check the log for refused tasks.", commands.plugins());
    }

    @Test
    void configShowsOurPidsWithSecretsMasked() throws Exception {
        Dictionary<String, Object> rabbit = new Hashtable<>();
        rabbit.put("service.pid", "io.ovsworkers.broker.rabbitmq");
        rabbit.put("uris", new String[] {"amqp://ovs:s3cret@10.0.0.1:5672//", "amqp://ovs:s3cret@10.0.0.2:5672//"});
        rabbit.put("heartbeat", 10);
        Dictionary<String, Object> arakoon = new Hashtable<>();
        arakoon.put("service.pid", "io.ovsworkers.store.arakoon");
        arakoon.put("clusterId", "ovsdb");
        arakoon.put("tlsKeyPassword", "hunter2");
        Configuration[] configurations = {
            proxy(Configuration.class, Map.of("getPid", "io.ovsworkers.store.arakoon", "getProperties", arakoon)),
            proxy(Configuration.class, Map.of("getPid", "io.ovsworkers.broker.rabbitmq", "getProperties", rabbit))};
        ConfigCommands commands = new ConfigCommands();
        commands.configurationAdmin = proxy(ConfigurationAdmin.class, Map.of("listConfigurations", configurations));
        assertEquals("""
                io.ovsworkers.broker.rabbitmq
                  heartbeat = 10
                  uris = [amqp://ovs:****@10.0.0.1:5672//, amqp://ovs:****@10.0.0.2:5672//]
                io.ovsworkers.store.arakoon
                  clusterId = ovsdb
                  tlsKeyPassword = ****""", commands.config());
    }

    @Test
    void resultShowsTheProgressARunningTaskReported() throws Exception {
        AsyncResult progressing = new AsyncResult() {
            @Override
            public String id() {
                return "t-1";
            }

            @Override
            public TaskState state() {
                return TaskState.PROGRESS;
            }

            @Override
            public boolean ready() {
                return false;
            }

            @Override
            public boolean successful() {
                return false;
            }

            @Override
            public Object result() {
                return Map.of("done", 3);
            }

            @Override
            public Object get(Duration timeout) {
                throw new UnsupportedOperationException();
            }
        };
        SendCommands commands = new SendCommands();
        commands.tasks = tasks(List.of(), progressing);
        assertEquals("{\"id\":\"t-1\",\"state\":\"PROGRESS\",\"progress\":{\"done\":3}}", commands.result(0, "t-1"));
    }
}
