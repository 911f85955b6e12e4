package io.ovsworkers.arakoon.client;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One node of a cluster as a client sees it.
 *
 * @param name the node's name, as WHO_MASTER reports it
 * @param hosts its addresses (a node listens on each); tried in order
 * @param clientPort its client port
 */
public record ArakoonNode(String name, List<String> hosts, int clientPort) {
    public ArakoonNode {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("node name must not be blank");
        }
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("node " + name + " needs at least one host");
        }
        if (clientPort < 1 || clientPort > 65535) {
            throw new IllegalArgumentException("node " + name + " has client port " + clientPort
                    + ", outside 1-65535");
        }
    }

    public ArakoonNode(String name, String host, int clientPort) {
        this(name, List.of(host), clientPort);
    }

    /**
     * Parses {@code name=host:port}; several hosts are separated by commas ({@code n0=10.0.0.1,10.1.0.1:26400}) and
     * an IPv6 host goes in brackets.
     */
    public static ArakoonNode parse(String spec) {
        int eq = spec.indexOf('=');
        int colon = spec.lastIndexOf(':');
        if (eq <= 0 || colon < eq + 2 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("node '" + spec + "' is not of the form name=host:port");
        }
        String name = spec.substring(0, eq).trim();
        List<String> hosts = Arrays.stream(spec.substring(eq + 1, colon).split(","))
                .map(String::trim).map(h -> h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h)
                .toList();
        if (hosts.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("node '" + spec + "' has an empty host");
        }
        int port;
        try {
            port = Integer.parseInt(spec.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("node '" + spec + "' has a port that is not a number");
        }
        return new ArakoonNode(name, hosts, port);
    }

    /** The first address, as host:port. */
    public String address() {
        String host = hosts.get(0);
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + clientPort;
    }
}
