package io.ovsworkers.arakoon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovsworkers.api.TaskState;
import io.ovsworkers.spi.TaskResult;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stored meta against the real Celery 5.2 ({@code /usr/bin/python3}, Debian's python3-celery): Celery's own
 * key-value result backend reads what this backend stores, and this backend reads what Celery stores
 * ({@code celery_meta_oracle.py} in the test resources).
 */
class CeleryMetaOracleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Guards against a hung interpreter only; Celery answers in about a second. */
    private static final long PYTHON_DEADLINE_SECONDS = 120;

    @TempDir
    Path dir;

    private List<JsonNode> oracle(List<Map<String, Object>> requests) throws Exception {
        Path script = dir.resolve("celery_meta_oracle.py");
        try (InputStream in = getClass().getResourceAsStream("/celery_meta_oracle.py")) {
            Files.copy(in, script);
        }
        Process python = new ProcessBuilder("/usr/bin/python3", script.toString()).redirectErrorStream(false).start();
        try (OutputStream stdin = python.getOutputStream()) {
            for (Map<String, Object> request : requests) {
                stdin.write(JSON.writeValueAsBytes(request));
                stdin.write('\n');
            }
        }
        byte[] out = python.getInputStream().readAllBytes();
        String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(PYTHON_DEADLINE_SECONDS, TimeUnit.SECONDS), "python finished");
        assertEquals(0, python.exitValue(), err);
        List<JsonNode> replies = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                replies.add(JSON.readTree(line));
            }
        }
        assertEquals(requests.size(), replies.size(), err);
        return replies;
    }

    private static Map<String, Object> read(TaskResult result) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "read");
        request.put("id", result.taskId());
        request.put("value", new String(CeleryMeta.encode(result), StandardCharsets.UTF_8));
        return request;
    }

    private static Map<String, Object> write(String id, String state, Object result, String traceback) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "write");
        request.put("id", id);
        request.put("state", state);
        request.put("result", result);
        request.put("traceback", traceback);
        return request;
    }

    @Test
    void celeryReadsWhatIsStoredAndWhatCeleryStoresIsRead() throws Exception {
        Instant done = Instant.parse("2026-05-06T07:08:09.123456Z");
        TaskResult success = new TaskResult("s-1", TaskState.SUCCESS, Map.of("answer", List.of(4, 2)), null, done,
                Map.of("name", "demo.task"));
        TaskResult failure = new TaskResult("f-1", TaskState.FAILURE, Map.of("exc_type", "ValueError",
                "exc_message", List.of("boom"), "exc_module", "builtins"), "Traceback (most recent call last): ...",
                done, Map.of());
        TaskResult started = new TaskResult("p-1", TaskState.STARTED, Map.of("pid", 7), null, null, Map.of());

        List<JsonNode> replies = oracle(List.of(read(success), read(failure), read(started),
                write("c-1", "SUCCESS", List.of(1, "two"), null), write("c-2", "FAILURE", "boom", "Traceback ...")));

        assertEquals("SUCCESS", replies.get(0).get("state").asText());
        assertEquals(2, replies.get(0).get("result").get("answer").get(1).asInt());
        assertEquals("2026-05-06T07:08:09.123456", replies.get(0).get("date_done").asText());
        assertTrue(replies.get(0).get("ready").asBoolean());
        assertEquals("FAILURE", replies.get(1).get("state").asText());
        assertEquals("ValueError", replies.get(1).get("result").get("exception").asText(), "Celery rebuilt the exception");
        assertEquals("boom", replies.get(1).get("result").get("args").get(0).asText());
        assertEquals(failure.traceback(), replies.get(1).get("traceback").asText());
        assertEquals("STARTED", replies.get(2).get("state").asText());
        assertTrue(replies.get(2).get("date_done").isNull());

        TaskResult fromCelery = CeleryMeta.decode("k", "c-1",
                replies.get(3).get("value").asText().getBytes(StandardCharsets.UTF_8));
        assertEquals(TaskState.SUCCESS, fromCelery.state());
        assertEquals(List.of(1, "two"), fromCelery.result());
        assertNotNull(fromCelery.dateDone());
        TaskResult failed = CeleryMeta.decode("k", "c-2",
                replies.get(4).get("value").asText().getBytes(StandardCharsets.UTF_8));
        assertEquals(TaskState.FAILURE, failed.state());
        assertEquals("ValueError", ((Map<?, ?>) failed.result()).get("exc_type"));
        assertEquals("Traceback ...", failed.traceback());
    }

    @Test
    void celeryRestoresStoredGroupsAndSavedGroupsAreRead() throws Exception {
        Map<String, Object> read = new LinkedHashMap<>();
        read.put("op", "read_group");
        read.put("id", "g-1");
        read.put("value", new String(CeleryMeta.encodeGroup("g-1", List.of("t-1", "t-2", "t-3"), Instant.now()),
                StandardCharsets.UTF_8));
        Map<String, Object> write = new LinkedHashMap<>();
        write.put("op", "write_group");
        write.put("id", "g-2");
        write.put("ids", List.of("u-1", "u-2"));

        List<JsonNode> replies = oracle(List.of(read, write));

        assertEquals("g-1", replies.get(0).get("id").asText());
        assertEquals(List.of("t-1", "t-2", "t-3"), JSON.convertValue(replies.get(0).get("ids"), List.class));
        assertEquals(List.of("u-1", "u-2"), CeleryMeta.decodeGroup("k",
                replies.get(1).get("value").asText().getBytes(StandardCharsets.UTF_8)));
    }
}
