package io.ovsworkers.api.monitor;

import java.time.Duration;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Celery's remote control ({@code celery inspect} / {@code celery control}): a command to every worker of the cluster,
 * Java and Python alike. Offered by a broker that can broadcast (RabbitMQ's {@code celery.pidbox}).
 */
@ProviderType
public interface ClusterControl {

    /**
     * Sends the command to every worker and collects the replies that arrive within the timeout.
     *
     * @param method Celery's command name, e.g. {@code ping}, {@code active}, {@code revoke}
     * @param arguments its arguments, JSON shaped
     * @return each replying worker's node name and its JSON-shaped reply, in arrival order
     */
    Map<String, Object> broadcast(String method, Map<String, Object> arguments, Duration timeout);

    /** This node's worker name as the remote control and the events know it, e.g. {@code java@<machine id>}. */
    String nodeName();
}
