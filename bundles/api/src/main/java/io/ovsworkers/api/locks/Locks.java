package io.ovsworkers.api.locks;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The ensure-single registrations of the whole cluster, as they are in the key-value store now. */
@ProviderType
public interface Locks {

    /**
     * Every registration, grouped by key in key order, each key's registrations in queue order (the first one of a
     * DEFAULT or CHAINED key is the one running).
     *
     * @throws io.ovsworkers.spi.BackendException if the store cannot be read or none is available
     */
    List<LockRegistration> list();

    /**
     * Removes every registration of the task, in all modes, whoever owns it and whether or not its lease is live.
     * Instances of the task that are running keep running; new calls no longer see them.
     *
     * @return how many registrations were removed
     * @throws io.ovsworkers.spi.BackendException if the store cannot be written or none is available
     */
    int clear(String taskName);
}
