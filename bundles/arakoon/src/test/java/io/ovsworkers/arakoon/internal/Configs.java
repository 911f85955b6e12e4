package io.ovsworkers.arakoon.internal;

import io.ovsworkers.arakoon.testserver.ArakoonTestCluster;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Builds {@link ArakoonConfiguration} values as ConfigAdmin would: given properties, defaults for the rest. */
final class Configs {
    private Configs() {
    }

    static ArakoonConfiguration of(Map<String, Object> properties) {
        return (ArakoonConfiguration) Proxy.newProxyInstance(ArakoonConfiguration.class.getClassLoader(),
                new Class<?>[] {ArakoonConfiguration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return ArakoonConfiguration.class;
                    }
                    Object value = properties.get(method.getName());
                    return value != null ? value : method.getDefaultValue();
                });
    }

    /** A configuration for the test cluster, with short timeouts and the given overrides. */
    static ArakoonConfiguration forCluster(ArakoonTestCluster cluster, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("clusterId", cluster.clientConfig().build().clusterId());
        properties.put("nodes", cluster.nodeNames().stream().map(n -> n + "=127.0.0.1:" + cluster.port(n))
                .toArray(String[]::new));
        properties.put("connectTimeout", 1000L);
        properties.put("requestTimeout", 5000L);
        properties.put("failoverDeadline", 10000L);
        properties.put("cleanupInterval", 0L);
        properties.putAll(overrides);
        return of(properties);
    }
}
