package io.ovsworkers.beat.internal;

import io.ovsworkers.embedded.internal.EmbeddedConfig;
import io.ovsworkers.spi.KeyValueStore;
import io.ovsworkers.embedded.internal.EmbeddedStore;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/** The real embedded key-value store (MVStore), which every beat of a test shares, as the masters share Arakoon. */
final class Stores {

    private Stores() {
    }

    /** Opens the embedded store in {@code dataDir}, created the way Declarative Services creates it. */
    static KeyValueStore embedded(Path dataDir) {
        BundleContext noFrameworkProperties = (BundleContext) Proxy.newProxyInstance(Stores.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, arguments) -> null);
        EmbeddedConfig config = new EmbeddedConfig() {
            @Override
            public String dataDir() {
                return dataDir.toString();
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return EmbeddedConfig.class;
            }
        };
        return new EmbeddedStore(noFrameworkProperties, config);
    }
}
