package io.ovsworkers.core.internal.single;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Told what the gate does with each call; the component logs it, tests also record it. */
public interface GateListener {

    void on(GuardedCall call, String registrationId, GateEvent event);

    /** Logs each event: running and queueing at debug level, the rest at info. */
    GateListener LOGGING = new GateListener() {
        private final Logger log = LoggerFactory.getLogger(EnsureSingleGate.class);

        @Override
        public void on(GuardedCall call, String registrationId, GateEvent event) {
            if (event == GateEvent.RUNNING || event == GateEvent.QUEUED) {
                log.debug("Ensure single {} mode - ID {} - task {} ({}): {}", call.policy().mode(), registrationId, call.taskName(),
                        describe(call.caller()), event);
            } else {
                log.info("Ensure single {} mode - ID {} - task {} ({}): {}", call.policy().mode(), registrationId, call.taskName(),
                        describe(call.caller()), event);
            }
        }

        private String describe(Caller caller) {
            return (caller.inline() ? "inline" : "worker") + (caller.taskId() == null ? "" : " " + caller.taskId());
        }
    };
}
