package io.ovsworkers.arakoon.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.arakoon.testserver.ArakoonTestCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArakoonClusterConfigTest {
    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        Path file = dir.resolve("cluster.ini");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsTheStandardIniFormat() throws Exception {
        Path ini = write("""
                # the three_test cluster
                [global]
                cluster = n0, n1,n2
                cluster_id = three_test
                lease_period = 2
                __tainted_max_value_size = 0x400

                [n0]
                ip = 127.0.0.1, 10.0.0.1
                client_port = 14100
                messaging_port = 14200
                home = /tmp/n0

                [n1]
                ip = 127.0.0.1
                client_port = 0x3715
                messaging_port = 14201
                home = /tmp/n1

                [n2]
                ip = 127.0.0.1
                client_port = 14102
                messaging_port = 14202
                home = /tmp/n2
                """);
        ArakoonClusterConfig config = ArakoonClusterConfig.fromIni(ini).build();
        assertEquals("three_test", config.clusterId());
        assertEquals(List.of("n0", "n1", "n2"), config.nodes().stream().map(ArakoonNode::name).toList());
        assertEquals(List.of("127.0.0.1", "10.0.0.1"), config.nodes().get(0).hosts());
        assertEquals(14101, config.nodes().get(1).clientPort());
        assertEquals(1024, config.maxValueSize());
        assertEquals(ArakoonClusterConfig.DEFAULT_MAX_BUFFER_SIZE, config.maxBufferSize());
    }

    @Test
    void missingAndBadEntriesAreNamed() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArakoonClusterConfig.fromIni(write("[global]\ncluster = n0\ncluster_id = c\n")));
        assertTrue(e.getMessage().contains("[n0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ArakoonClusterConfig.fromIni(
                write("[global]\ncluster = n0\ncluster_id = c\n[n0]\nip = h\nclient_port = many\n")));
        assertTrue(e.getMessage().contains("[n0] client_port"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ArakoonClusterConfig.fromIni(write("[global]\ncluster = n0\n")));
        assertTrue(e.getMessage().contains("cluster_id"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ArakoonClusterConfig.fromIni(write(
                "[global]\ncluster = n0\ncluster_id = c\ntls_service = true\n[n0]\nip = h\nclient_port = 1\n")));
        assertTrue(e.getMessage().contains("tls_service"), e.getMessage());
    }

    @Test
    void aClientFromTheClustersIniFileWorks() throws Exception {
        try (ArakoonTestCluster cluster = ArakoonTestCluster.start("from_ini", 3);
             ArakoonClient client = ArakoonClient.open(ArakoonClusterConfig.fromIni(write(cluster.iniText())).build())) {
            client.set("k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8));
            assertEquals("n0", client.master());
        }
    }

    @Test
    void nodeSpecificationsParse() {
        assertEquals(new ArakoonNode("n0", List.of("10.0.0.1", "10.1.0.1"), 26400),
                ArakoonNode.parse("n0=10.0.0.1,10.1.0.1:26400"));
        assertEquals(new ArakoonNode("n1", List.of("::1"), 7), ArakoonNode.parse("n1=[::1]:7"));
        assertThrows(IllegalArgumentException.class, () -> ArakoonNode.parse("n0:1"));
        assertThrows(IllegalArgumentException.class, () -> ArakoonNode.parse("n0=h:port"));
        assertThrows(IllegalArgumentException.class, () -> ArakoonNode.parse("n0=h:70000"));
    }
}
