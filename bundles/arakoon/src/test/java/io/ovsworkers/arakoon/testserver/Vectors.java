package io.ovsworkers.arakoon.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** The wire captures from a real Arakoon 1.9.25 under vectors/arakoon (copied from the shared captures) (see its README.md). */
public final class Vectors {
    public static final Path ROOT = Path.of(System.getProperty("ovs.vectors.arakoon",
            Path.of("../../vectors/arakoon").toAbsolutePath().normalize().toString()));

    private static List<Vector> loaded;

    private Vectors() {
    }

    public record Exchange(byte[] request, byte[] response, boolean serverClosed, String note) {
    }

    public record Vector(String name, String clusterId, String nodeRole, String description,
                         List<Exchange> exchanges) {
        /** Whether exchange 0 is a well-formed prologue for the vector's cluster, sent on its own. */
        public boolean startsWithPrologue() {
            return exchanges.get(0).note().startsWith("PROLOGUE") && exchanges.get(0).response().length == 0
                    && !name.startsWith("prologue_");
        }
    }

    /** All 65 vectors, read once. */
    public static synchronized List<Vector> all() {
        if (loaded == null) {
            loaded = List.copyOf(read());
        }
        return loaded;
    }

    private static List<Vector> read() {
        ObjectMapper mapper = new ObjectMapper();
        List<Vector> vectors = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode json = mapper.readTree(file.toFile());
                List<Exchange> exchanges = new ArrayList<>();
                for (JsonNode e : json.get("exchanges")) {
                    exchanges.add(new Exchange(HexFormat.of().parseHex(e.get("request_hex").asText()),
                            HexFormat.of().parseHex(e.get("response_hex").asText()),
                            e.get("server_closed").asBoolean(), e.get("note").asText()));
                }
                vectors.add(new Vector(json.get("name").asText(), json.get("cluster_id").asText(),
                        json.get("node_role").asText(), json.get("description").asText(), exchanges));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Arakoon vectors under " + ROOT, e);
        }
        if (vectors.size() != 65) {
            throw new IllegalStateException("expected the 65 Arakoon vectors under " + ROOT + ", found " + vectors.size());
        }
        return vectors;
    }
}
