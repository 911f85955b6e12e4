package io.ovsworkers.embedded.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovsworkers.api.TaskState;
import io.ovsworkers.spi.BackendException;
import io.ovsworkers.spi.TaskResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Results as Celery keeps them: checked against the result meta Python Celery 5.2 wrote (vectors/). */
class CeleryResultMetaTest {

    private static final Path VECTORS = Path.of(System.getProperty("ovs.vectors", "../../vectors"))
            .toAbsolutePath().normalize().resolve("celery");

    @TempDir
    Path folder;

    static Stream<Arguments> celeryResultMeta() throws IOException {
        List<Arguments> metas = new ArrayList<>();
        for (String capture : List.of("results_redis/kv_backend_keys_redis.json",
                "results_redis_extended/kv_backend_keys_redis_extended.json")) {
            JsonNode keys = Json.MAPPER.readTree(VECTORS.resolve(capture).toFile()).get("keys");
            for (Map.Entry<String, JsonNode> key : keys.properties()) {
                if (key.getKey().startsWith("celery-task-meta-")) {
                    metas.add(Arguments.of(key.getKey().substring("celery-task-meta-".length()),
                            key.getValue().get("value_text").asText()));
                }
            }
        }
        return metas.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("celeryResultMeta")
    void pythonCeleryMetaSurvivesDecodeAndEncode(String taskId, String pythonMeta) throws IOException {
        TaskResult decoded = CeleryResultMeta.decode(taskId, pythonMeta.getBytes(UTF_8));

        JsonNode reencoded = Json.MAPPER.readTree(CeleryResultMeta.encode(decoded));

        assertEquals(Json.MAPPER.readTree(pythonMeta), reencoded);
    }

    @Test
    void resultIsCeleryMetaUnderTheOpenVStorageKey() throws IOException {
        EmbeddedStore store = new EmbeddedStore(folder);
        try {
            new EmbeddedResultBackend(store).store(new TaskResult("t-1", TaskState.SUCCESS, List.of(1, 2), null,
                    Instant.parse("2026-12-03T16:12:31.890036Z"), Map.of("name", "ovs.generic.x")));

            JsonNode meta = Json.MAPPER.readTree(store.get("ovs_tasks_celery-task-meta-t-1").orElseThrow());

            assertEquals(Json.MAPPER.readTree("{\"status\": \"SUCCESS\", \"result\": [1, 2], \"traceback\": null,"
                    + " \"children\": [], \"date_done\": \"2026-12-03T16:12:31.890036\", \"task_id\": \"t-1\","
                    + " \"name\": \"ovs.generic.x\"}"), meta);
        } finally {
            store.close();
        }
    }

    @Test
    void dateDoneWithAnOffsetIsRead() {
        TaskResult result = CeleryResultMeta.decode("t", ("{\"status\": \"SUCCESS\", \"result\": null,"
                + " \"date_done\": \"2026-12-03T18:12:31.5+02:00\", \"task_id\": \"t\"}").getBytes(UTF_8));

        assertEquals(Instant.parse("2026-12-03T16:12:31.5Z"), result.dateDone());
    }

    @Test
    void unknownStatusIsRefusedNamingTheKey() {
        BackendException refused = assertThrows(BackendException.class,
                () -> CeleryResultMeta.decode("t", "{\"status\": \"EXPLODED\"}".getBytes(UTF_8)));

        assertTrue(refused.getMessage().contains("ovs_tasks_celery-task-meta-t"), refused.getMessage());
        assertTrue(refused.getMessage().contains("EXPLODED"), refused.getMessage());
    }
}
