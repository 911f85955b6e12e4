package io.ovsworkers.arakoon.internal;

import io.ovsworkers.arakoon.client.ArakoonClusterConfig;
import io.ovsworkers.arakoon.client.ArakoonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The validated form of {@link ArakoonConfiguration}; a bad value is refused with the PID and the key named.
 *
 * @param cluster how to reach the cluster
 * @param keyPrefix prefix of the result keys
 * @param resultExpiry age after which finished results may be removed
 * @param cleanupInterval time between cleanup runs; zero for none
 */
record ArakoonSettings(ArakoonClusterConfig cluster, String keyPrefix, Duration resultExpiry,
                       Duration cleanupInterval) {

    static ArakoonSettings of(ArakoonConfiguration config) {
        ArakoonClusterConfig.Builder builder = clusterBuilder(config);
        builder.connectTimeout(positiveMillis("connectTimeout", config.connectTimeout()))
                .requestTimeout(positiveMillis("requestTimeout", config.requestTimeout()))
                .failoverDeadline(positiveMillis("failoverDeadline", config.failoverDeadline()))
                .readFromSlaves(config.readFromSlaves()).connectionsPerNode(config.connectionsPerNode());
        if (config.resultExpiry() < 1) {
            throw refused("resultExpiry", "must be at least 1 second, was " + config.resultExpiry());
        }
        if (config.cleanupInterval() < 0) {
            throw refused("cleanupInterval", "must be 0 (off) or more seconds, was " + config.cleanupInterval());
        }
        if (config.keyPrefix() == null) {
            throw refused("keyPrefix", "is missing");
        }
        if (config.connectionsPerNode() < 1) {
            throw refused("connectionsPerNode", "must be at least 1, was " + config.connectionsPerNode());
        }
        ArakoonClusterConfig cluster;
        try {
            cluster = builder.build();
        } catch (IllegalArgumentException e) {
            throw refused(config.iniFile().isBlank() ? "nodes" : "iniFile", e.getMessage());
        }
        return new ArakoonSettings(cluster, config.keyPrefix(), Duration.ofSeconds(config.resultExpiry()),
                Duration.ofSeconds(config.cleanupInterval()));
    }

    private static ArakoonClusterConfig.Builder clusterBuilder(ArakoonConfiguration config) {
        String clusterId = config.clusterId().strip();
        boolean hasNodes = config.nodes().length > 0 && !String.join("", config.nodes()).isBlank();
        String iniFile = config.iniFile().strip();
        if (hasNodes == !iniFile.isEmpty()) {
            throw refused(hasNodes ? "iniFile" : "nodes", "give either nodes (name=host:port) or iniFile, not "
                    + (hasNodes ? "both" : "neither"));
        }
        if (!iniFile.isEmpty()) {
            ArakoonClusterConfig.Builder fromFile;
            try {
                fromFile = ArakoonClusterConfig.fromIni(Path.of(iniFile));
            } catch (IOException | RuntimeException e) {
                throw refused("iniFile", "cannot read " + iniFile + ": " + e.getMessage());
            }
            String fileClusterId = fromFile.build().clusterId();
            if (!clusterId.isEmpty() && !clusterId.equals(fileClusterId)) {
                throw refused("clusterId", "is " + clusterId + " but " + iniFile + " says " + fileClusterId);
            }
            return fromFile;
        }
        if (clusterId.isEmpty()) {
            throw refused("clusterId", "is required with nodes");
        }
        List<ArakoonNode> nodes = new ArrayList<>();
        for (String spec : nodeSpecs(config.nodes())) {
            try {
                nodes.add(ArakoonNode.parse(spec));
            } catch (IllegalArgumentException e) {
                throw refused("nodes", e.getMessage());
            }
        }
        return ArakoonClusterConfig.builder(clusterId, nodes);
    }

    /**
     * The node entries; a .cfg file may hold them all in one string, separated by ';', ',' or blanks. A separator
     * splits only where the next {@code name=} begins, so the commas between one node's hosts stay.
     */
    private static List<String> nodeSpecs(String[] values) {
        List<String> specs = new ArrayList<>();
        for (String value : values) {
            for (String spec : value.split("[;,\\s]+(?=[^;,=\\s]+=)")) {
                if (!spec.isBlank()) {
                    specs.add(spec.strip().replaceAll("[;,\\s]+$", ""));
                }
            }
        }
        return specs;
    }

    private static Duration positiveMillis(String key, long millis) {
        if (millis < 1) {
            throw refused(key, "must be at least 1 millisecond, was " + millis);
        }
        return Duration.ofMillis(millis);
    }

    private static IllegalArgumentException refused(String key, String why) {
        return new IllegalArgumentException("Configuration " + ArakoonConfiguration.PID + ", key " + key + ": " + why);
    }
}
