package io.ovsworkers.api.monitor;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Revoked tasks, kept in the cluster's key-value store so that every worker sees them, also after a restart. A
 * worker does not run a revoked task: it records it REVOKED. Revocations expire after a while, as Celery's do.
 */
@ProviderType
public interface Revocations {

    /**
     * Marks the task revoked for the whole cluster and, with {@code terminate}, interrupts it if it runs on this node.
     *
     * @return whether it was running on this node and was interrupted
     */
    boolean revoke(String taskId, boolean terminate);

    /** Interrupts the task if it runs on this node, without marking it revoked; used for requests from other nodes. */
    boolean terminateLocal(String taskId);

    /** Whether the task is revoked and the revocation has not expired. */
    boolean revoked(String taskId);

    /** The ids of the revoked tasks whose revocation has not expired, at most {@code max}. */
    List<String> revokedIds(int max);
}
