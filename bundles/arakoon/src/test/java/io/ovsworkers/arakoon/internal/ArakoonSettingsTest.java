package io.ovsworkers.arakoon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArakoonSettingsTest {
    @TempDir
    Path dir;

    private static void refused(String key, Map<String, Object> properties) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArakoonSettings.of(Configs.of(properties)));
        assertTrue(e.getMessage().startsWith("Configuration io.ovsworkers.arakoon, key " + key + ":"), e.getMessage());
    }

    @Test
    void nodesAndDefaults() {
        ArakoonSettings settings = ArakoonSettings.of(Configs.of(Map.of("clusterId", "ovs",
                "nodes", new String[] {"n0=10.0.0.1:26400", "n1=10.0.0.2:26400"})));
        assertEquals("ovs", settings.cluster().clusterId());
        assertEquals(List.of("n0", "n1"), settings.cluster().nodes().stream().map(n -> n.name()).toList());
        assertEquals("ovs_tasks_", settings.keyPrefix());
        assertEquals(Duration.ofDays(1), settings.resultExpiry());
        assertEquals(Duration.ofSeconds(30), settings.cluster().failoverDeadline());
    }

    @Test
    void nodesAsOneStringFromACfgFile() {
        ArakoonSettings settings = ArakoonSettings.of(Configs.of(Map.of("clusterId", "ovs",
                "nodes", new String[] {"n0=10.0.0.1,10.1.0.1:26400, n1=10.0.0.2:26400;n2=10.0.0.3:26400"})));
        assertEquals(List.of("n0", "n1", "n2"), settings.cluster().nodes().stream().map(n -> n.name()).toList());
        assertEquals(List.of("10.0.0.1", "10.1.0.1"), settings.cluster().nodes().get(0).hosts());
    }

    @Test
    void iniFile() throws Exception {
        Path ini = dir.resolve("arakoon.ini");
        Files.writeString(ini, "[global]\ncluster_id = ovs\ncluster = a\n[a]\nip = 10.0.0.9\nclient_port = 26400\n");
        ArakoonSettings settings = ArakoonSettings.of(Configs.of(Map.of("iniFile", ini.toString())));
        assertEquals("ovs", settings.cluster().clusterId());
        assertEquals("10.0.0.9:26400", settings.cluster().nodes().get(0).address());
        refused("clusterId", Map.of("iniFile", ini.toString(), "clusterId", "other"));
        refused("iniFile", Map.of("iniFile", dir.resolve("missing.ini").toString()));
    }

    @Test
    void badValuesNameTheirKey() {
        refused("nodes", Map.of("clusterId", "ovs"));
        refused("iniFile", Map.of("clusterId", "ovs", "nodes", new String[] {"a=h:1"}, "iniFile", "/x.ini"));
        refused("clusterId", Map.of("nodes", new String[] {"a=h:1"}));
        refused("nodes", Map.of("clusterId", "ovs", "nodes", new String[] {"a=h"}));
        refused("nodes", Map.of("clusterId", "ovs", "nodes", new String[] {"a=h:1", "a=g:2"}));
        refused("requestTimeout", Map.of("clusterId", "ovs", "nodes", new String[] {"a=h:1"}, "requestTimeout", 0L));
        refused("cleanupInterval", Map.of("clusterId", "ovs", "nodes", new String[] {"a=h:1"},
                "cleanupInterval", -1L));
        refused("connectionsPerNode", Map.of("clusterId", "ovs", "nodes", new String[] {"a=h:1"},
                "connectionsPerNode", 0));
        refused("resultExpiry", Map.of("clusterId", "ovs", "nodes", new String[] {"a=h:1"}, "resultExpiry", 0L));
    }
}
