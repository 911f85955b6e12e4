package io.ovsworkers.arakoon.client;

import java.util.Optional;

/**
 * What one node said when asked: whether it answered, the master it believes in, and its state machine's state.
 *
 * @param node the node's name from the configuration
 * @param address where it was reached (host:port), or where it was tried
 * @param reachable whether it answered
 * @param believedMaster the master it names, if any
 * @param state its state, for example {@code Stable_master} or {@code Slave_steady_state}; empty when unreachable
 * @param error why it could not be asked, empty when reachable
 */
public record NodeStatus(String node, String address, boolean reachable, Optional<String> believedMaster,
                         String state, String error) {
}
