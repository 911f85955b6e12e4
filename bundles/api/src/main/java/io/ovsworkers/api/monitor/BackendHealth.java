package io.ovsworkers.api.monitor;

import java.util.Objects;

/**
 * A backend in use and whether it answered when last asked.
 *
 * @param role what it serves as: {@code broker}, {@code results} or {@code store}
 * @param implementation which implementation serves (its class's simple name), or {@code none}
 * @param healthy whether it answered
 * @param detail why it is not healthy, or a short description when it is
 */
public record BackendHealth(String role, String implementation, boolean healthy, String detail) {
    public BackendHealth {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(implementation, "implementation");
        Objects.requireNonNull(detail, "detail");
    }
}
