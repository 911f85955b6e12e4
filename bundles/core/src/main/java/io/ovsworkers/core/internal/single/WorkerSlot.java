package io.ovsworkers.core.internal.single;

/**
 * The worker slot an asynchronous call runs in. A call that has to wait for its turn gives its slot back while it
 * waits, so that runnable tasks use the node's concurrency, and takes one again before it runs.
 */
public interface WorkerSlot {

    /** Gives the slot back; does nothing when it is not held. */
    void release();

    /** Takes a slot again, waiting for one to be free. */
    void reacquire() throws InterruptedException;
}
