package io.ovsworkers.core.internal.single;

/** What the gate did with a call, besides running it. */
public enum GateEvent {
    /** A duplicate was discarded: the call returns null without running. */
    DISCARDED,
    /** An inline duplicate gets the callback instead of the task. */
    CALLBACK,
    /** Registered, waiting for its turn (DEDUPED, CHAINED). */
    QUEUED,
    /** An inline duplicate waits for the waiting identical call to finish (DEDUPED, CHAINED). */
    WAITING_FOR_DUPLICATE,
    /** The identical call it waited for finished: the call returns null without running. */
    WAITED,
    /** The call could not start within its timeout. */
    TIMED_OUT,
    /** Its turn came: the task runs. */
    RUNNING
}
