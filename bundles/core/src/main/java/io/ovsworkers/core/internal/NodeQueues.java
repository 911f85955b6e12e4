package io.ovsworkers.core.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The original's queue layout: which queues a node declares and consumes, with their binding patterns. */
final class NodeQueues {
    static final String GENERIC = "ovs_generic";
    static final String MASTERS = "ovs_masters";

    private NodeQueues() {
    }

    /** Queue name to binding pattern, for every queue this node consumes. */
    static Map<String, String> consumed(String machineId, boolean master, List<String> extraQueues) {
        Map<String, String> queues = new LinkedHashMap<>();
        queues.put(GENERIC, "generic.#");
        queues.put("ovs_" + machineId, "sr." + machineId + ".#");
        if (master) {
            queues.put(MASTERS, "masters.#");
        }
        for (String extra : extraQueues) {
            queues.putIfAbsent(extra, extra + ".#");
        }
        return queues;
    }
}
