package io.ovsworkers.arakoon.internal;

import io.ovsworkers.arakoon.client.ArakoonClient;
import io.ovsworkers.arakoon.client.ArakoonService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one client of this node to the configured cluster, shared by the key-value store and the result backend.
 * Exists only while {@value ArakoonConfiguration#PID} is configured; a new configuration replaces it (and them).
 */
@Component(service = {ArakoonConnector.class, ArakoonService.class}, configurationPid = ArakoonConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ArakoonConfiguration.class)
public final class ArakoonConnector implements ArakoonService {
    private static final Logger LOG = LoggerFactory.getLogger(ArakoonConnector.class);

    private final ArakoonSettings settings;
    private final ArakoonClient client;

    @Activate
    public ArakoonConnector(ArakoonConfiguration config) {
        this(ArakoonSettings.of(config));
    }

    ArakoonConnector(ArakoonSettings settings) {
        this.settings = settings;
        this.client = ArakoonClient.open(settings.cluster());
        LOG.info("Arakoon cluster {} configured with nodes {}", settings.cluster().clusterId(),
                settings.cluster().nodes().stream().map(n -> n.name() + "=" + n.address()).toList());
    }

    ArakoonSettings settings() {
        return settings;
    }

    @Override
    public ArakoonClient client() {
        return client;
    }

    @Deactivate
    void close() {
        client.close();
    }
}
