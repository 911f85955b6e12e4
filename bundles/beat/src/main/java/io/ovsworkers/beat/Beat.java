package io.ovsworkers.beat;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The state of beat as this node sees it; every master runs beat, one of them leads and fires. */
@ProviderType
public interface Beat {

    /** Every task with a schedule in code, registered now, by name; the configuration may disable or replace it. */
    List<ScheduledTask> schedules();

    /** The node that holds the leader lease now, if any does. */
    Optional<BeatLeader> leader();
}
