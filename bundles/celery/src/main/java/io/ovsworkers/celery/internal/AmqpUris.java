package io.ovsworkers.celery.internal;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.ConnectionFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The failover list of a broker configuration: every URI names one node of the same cluster, with the same user,
 * password and virtual host, as kombu's {@code ;}-separated broker URLs in the original.
 */
record AmqpUris(List<Address> addresses, String username, String password, String virtualHost) {

    /**
     * Parses the URIs or refuses them with a message naming the PID, the key and the masked URI. An element may hold
     * several URIs separated by {@code ;} (as kombu's failover broker URL) or {@code ,} (a .cfg file holds one string).
     */
    static AmqpUris parse(String[] configured) {
        String[] uris = configured == null ? new String[0] : Arrays.stream(configured)
                .flatMap(element -> Arrays.stream(element.split("[;,]")))
                .map(String::trim).filter(uri -> !uri.isEmpty()).toArray(String[]::new);
        if (uris.length == 0) {
            throw refused("uris", "must name at least one amqp:// URI");
        }
        List<Address> addresses = new ArrayList<>();
        AmqpUris first = null;
        for (int i = 0; i < uris.length; i++) {
            String key = "uris[" + i + "] '" + mask(uris[i]) + "'";
            AmqpUris one = parseOne(uris[i], key);
            if (first == null) {
                first = one;
            } else if (!first.username.equals(one.username) || !first.password.equals(one.password)
                    || !first.virtualHost.equals(one.virtualHost)) {
                throw refused(key, "names another user, password or virtual host than uris[0]; failover needs the same");
            }
            addresses.addAll(one.addresses);
        }
        return new AmqpUris(List.copyOf(addresses), first.username, first.password, first.virtualHost);
    }

    private static AmqpUris parseOne(String text, String key) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw refused(key, "is not a URI");
        }
        if (!"amqp".equalsIgnoreCase(uri.getScheme())) {
            throw refused(key, "must use the amqp scheme (amqps is not supported yet)");
        }
        if (uri.getHost() == null) {
            throw refused(key, "names no host");
        }
        String username = ConnectionFactory.DEFAULT_USER;
        String password = ConnectionFactory.DEFAULT_PASS;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            username = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : "";
        }
        String path = uri.getRawPath();
        // amqp://host and amqp://host/ both mean the default vhost "/"; amqp://host/%2F names it explicitly
        String virtualHost = path == null || path.isEmpty() || path.equals("/") ? "/" : decode(path.substring(1));
        int port = uri.getPort() == -1 ? ConnectionFactory.DEFAULT_AMQP_PORT : uri.getPort();
        return new AmqpUris(List.of(new Address(uri.getHost(), port)), username, password, virtualHost);
    }

    /** The URI with its password replaced, fit for logs and error messages. */
    static String mask(String uri) {
        if (uri == null) {
            return "null";
        }
        return uri.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@]*):[^@/]*@", "$1:****@");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException refused(String key, String problem) {
        return new IllegalArgumentException(RabbitMqConfiguration.PID + ": " + key + " " + problem);
    }

    @Override
    public String toString() {
        return username + ":****@" + addresses + virtualHost;
    }
}
