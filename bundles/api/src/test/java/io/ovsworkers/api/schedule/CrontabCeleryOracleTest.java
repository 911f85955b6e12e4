package io.ovsworkers.api.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares {@link Crontab} with the real Celery 5.2 ({@code /usr/bin/python3}, Debian's python3-celery): the same
 * fields must be accepted or refused by both, expand to the same values, and fire at the same minutes.
 *
 * <p>Celery answers through {@code celery_crontab_oracle.py} in the test resources, which takes the next firing
 * from {@code crontab.remaining_delta} exactly as beat does after a run. Without Celery the test is skipped,
 * except on CI ({@code CI=true}), where it fails.
 */
class CrontabCeleryOracleTest {
    private static final String PYTHON = "/usr/bin/python3";
    /** Guards against a hung interpreter only; Celery answers in about a second. */
    private static final long PYTHON_DEADLINE_SECONDS = 120;
    private static final int FIRINGS_PER_CASE = 4;
    private static final Pattern JSON_STRING = Pattern.compile("\"([^\"\\\\]*)\"");

    private static final List<Instant> STARTS = List.of(
            Instant.parse("2024-02-28T23:59:00Z"),
            Instant.parse("2024-02-29T12:34:56.789Z"),
            Instant.parse("2023-12-31T23:59:59Z"),
            Instant.parse("2025-01-31T23:30:00Z"),
            Instant.parse("2024-06-30T23:45:00Z"),
            Instant.parse("2100-02-28T12:00:00Z"),
            Instant.parse("2026-12-03T17:31:11Z"),
            Instant.parse("2024-03-10T02:30:00Z"),
            Instant.parse("2000-02-29T23:59:59.999Z"));

    /** minute, hour, dayOfWeek, dayOfMonth, monthOfYear: all accepted by Celery. */
    private static final List<List<String>> SCHEDULES = List.of(
            List.of("*", "*", "*", "*", "*"),
            List.of("*/15", "*", "*", "*", "*"),
            List.of("0", "*", "*", "*", "*"),
            List.of("0", "0", "*", "*", "*"),
            List.of("30", "4", "*", "*", "*"),
            List.of("0", "4", "*", "*", "*"),
            List.of("0,30", "*", "*", "*", "*"),
            List.of("5-10", "*", "*", "*", "*"),
            List.of("50-10/5", "*", "*", "*", "*"),
            List.of("*/7", "*/5", "*", "*", "*"),
            List.of("0", "*/3", "*", "*", "*"),
            List.of("0", "0,12", "*", "*", "*"),
            List.of("15", "3", "mon", "*", "*"),
            List.of("0", "9", "mon-fri", "*", "*"),
            List.of("0", "9", "fri-mon", "*", "*"),
            List.of("0", "0", "sat-sun", "*", "*"),
            List.of("0", "0", "sun", "*", "*"),
            List.of("0", "0", "0", "*", "*"),
            List.of("0", "0", "6", "*", "*"),
            List.of("0", "0", "SUNDAY,Wed", "*", "*"),
            List.of("0", "0", "*/2", "*", "*"),
            List.of("0", "0", "*", "1", "*"),
            List.of("0", "0", "*", "31", "*"),
            List.of("0", "0", "*", "29", "2"),
            List.of("0", "0", "*", "28-31", "*"),
            List.of("0", "0", "*", "1", "1"),
            List.of("59", "23", "*", "31", "12"),
            List.of("0", "0", "1", "1-7", "*"),
            List.of("0", "0", "5", "13", "*"),
            List.of("0", "0", "1", "29", "2"),
            List.of("0", "0", "*", "31", "2"),
            List.of("0", "0", "*", "30,31", "2"),
            List.of("0", "0", "*", "31", "4,6,9,11"),
            List.of("0", "0", "*", "30", "2,4"),
            List.of("0", "12", "*", "*/10", "*"),
            List.of("0", "0", "*", "*", "*/3"),
            List.of("0", "0", "*", "1", "2-12/2"),
            List.of("0", "0", "*", "15", "mon"),
            List.of("0,15,30,45", "8-17/2", "mon-fri", "*", "*"),
            List.of("1,13,30-45,50-59/2", "*", "*", "*", "*"),
            List.of("0", "0,8-17/2", "*", "*", "*"),
            List.of("0", "0", "*", "2-30/2", "*"),
            List.of("0", "0", "*", "1-7,15-21", "*"),
            List.of("0", "0", "1", "1-7,15-21", "*"),
            List.of("0", "0", "*", "31-2", "*"),
            List.of("0", "0", "*", "*", "11-2"),
            List.of("0", "0", "sat-mon/2", "*", "*"),
            List.of("59", "*", "*", "*", "*"),
            List.of("0", "23", "*", "*", "*"),
            List.of("0", "0", "*", "*", "12"),
            List.of("0, 30", "*", "*", "*", "*"),
            List.of("1-5/2/3", "*", "*", "*", "*"),
            List.of("*/20 x", "*", "*", "*", "*"),
            List.of("0", "1_2", "*", "*", "*"),
            List.of("0", "+6", "*", "*", "*"),
            List.of("mon", "0", "*", "*", "*"),
            List.of("0", "0", "monkey", "*", "*"),
            List.of("0", "0", "mon-", "*", "*"),
            List.of("0", "0", "fri/2", "*", "*"),
            List.of("0", "0", "*", "31", "1,3,5,7,8,10,12"),
            List.of("30", "2", "*", "31", "*"),
            List.of("0", "0", "thu", "29", "2"),
            List.of("0", "0", "0", "1", "*"),
            List.of("0", "4", "*", "1-31", "*"),
            List.of("*", "*", "*", "29", "2"),
            List.of("0", "0", "mon-fri", "1-31", "1-12"),
            List.of("0", "\u0661\u0662", "*", "*", "*"));

    /** Fields Celery refuses, each tried in its own position with every other field {@code *}. */
    private static final List<List<String>> REFUSED_BY_FIELD = List.of(
            List.of("60", "-1", "", ",", "5,", "*/0", "*/", "*/x", "5/15", " 1-5", "1 - 5", "1-5/", "1-5/0", "**",
                    "* ", "jan", "0x5", "5_", "1__0", "a", "1.5", "60-0", "0-60", "*/ 5", "--1", "\u0663\u0663\u0663",
                    "*/-1", "_5", "1-", "-", "/", "*-5"),
            List.of("24", "-0", "12-24", "25-1", " ", "1-5,", "0/2"),
            List.of("7", "mon-frx", "fr", "0-7", "sunday-8", " mon", "7-1", "s"),
            List.of("0", "32", "0-5", "sun", "31-0", "*/0"),
            List.of("0", "13", "jan", "feb-mar", "sun", "December"));

    private static final List<String> FIELD_NAMES =
            List.of("minute", "hour", "day_of_week", "day_of_month", "month_of_year");
    private static final List<CrontabField> FIELDS = List.of(CrontabField.MINUTE, CrontabField.HOUR,
            CrontabField.DAY_OF_WEEK, CrontabField.DAY_OF_MONTH, CrontabField.MONTH_OF_YEAR);

    @TempDir
    static Path scratch;
    private static Path oracleScript;

    @BeforeAll
    static void requireCelery() throws IOException, InterruptedException {
        String problem = celeryProblem();
        if (problem != null) {
            String message = "The Celery oracle needs " + PYTHON + " with Celery (Debian python3-celery): " + problem;
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        oracleScript = scratch.resolve("celery_crontab_oracle.py");
        try (InputStream script = CrontabCeleryOracleTest.class.getResourceAsStream("celery_crontab_oracle.py")) {
            Files.copy(script, oracleScript);
        }
    }

    private static String celeryProblem() throws InterruptedException {
        try {
            PythonRun probe = python(List.of("-c", "import celery.schedules"), "");
            return probe.exitCode() == 0 ? null : "import failed: " + probe.stderr().strip();
        } catch (IOException notRunnable) {
            return notRunnable.getMessage();
        }
    }

    @Test
    void acceptsAndFiresLikeCelery() throws Exception {
        List<OracleCase> cases = new ArrayList<>();
        for (List<String> schedule : SCHEDULES) {
            for (Instant start : STARTS) {
                cases.add(new OracleCase(schedule, start));
            }
        }
        List<List<String>> answers = askCelery(cases);
        for (List<String> answer : answers) {
            assertEquals("accepted", answer.get(0), "Celery refused a schedule of the accepted table: " + answer);
        }
        assertAgree(cases, answers);
    }

    @Test
    void refusesWhatCeleryRefuses() throws Exception {
        List<OracleCase> cases = new ArrayList<>();
        for (int position = 0; position < FIELDS.size(); position++) {
            for (String refused : REFUSED_BY_FIELD.get(position)) {
                List<String> fields = new ArrayList<>(List.of("*", "*", "*", "*", "*"));
                fields.set(position, refused);
                cases.add(new OracleCase(fields, STARTS.get(0)));
            }
        }
        cases.add(new OracleCase(Arrays.asList("0", "0", null, "*", "*"), STARTS.get(0)));
        List<List<String>> answers = askCelery(cases);
        for (int index = 0; index < cases.size(); index++) {
            assertEquals("refused", answers.get(index).get(0),
                    "Celery accepted a schedule of the refused table: " + cases.get(index).fields());
        }
        assertAgree(cases, answers);
    }

    /** Random schedules from a fixed seed, most well-formed, some not. */
    @Test
    void agreesWithCeleryOnRandomSchedules() throws Exception {
        Random random = new Random(20261203L);
        List<OracleCase> cases = new ArrayList<>();
        for (int index = 0; index < 600; index++) {
            List<String> fields = FIELDS.stream().map(field -> randomField(random, field)).toList();
            Instant start = Instant.ofEpochMilli(Instant.parse("1990-01-01T00:00:00Z").toEpochMilli()
                    + (long) (random.nextDouble() * 100 * 365.25 * 86_400_000L));
            cases.add(new OracleCase(fields, start));
        }
        List<List<String>> answers = askCelery(cases);
        long accepted = answers.stream().filter(answer -> answer.get(0).equals("accepted")).count();
        assertTrue(accepted > 100 && accepted < cases.size() - 100,
                "the generator should produce both kinds of schedule; accepted: " + accepted);
        assertAgree(cases, answers);
    }

    /** Mostly well-formed fields, one in eight built from pieces that may be out of range or malformed. */
    private static String randomField(Random random, CrontabField field) {
        boolean noisy = random.nextInt(8) == 0;
        int parts = 1 + random.nextInt(3);
        List<String> pieces = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            pieces.add(noisy ? randomNoisyPiece(random, field) : randomPiece(random, field));
        }
        return String.join(",", pieces);
    }

    private static String randomPiece(Random random, CrontabField field) {
        return switch (random.nextInt(field == CrontabField.DAY_OF_WEEK ? 7 : 6)) {
            case 0 -> "*";
            case 1 -> "*/" + (1 + random.nextInt(field.max() + 1));
            case 2, 3 -> randomValue(random, field);
            case 4 -> randomValue(random, field) + "-" + randomValue(random, field);
            case 5 -> randomValue(random, field) + "-" + randomValue(random, field) + "/"
                    + (1 + random.nextInt(field.max() + 1));
            default -> List.of("sun", "Mon", "TUESDAY", "wed", "thurs", "fri", "saturday").get(random.nextInt(7));
        };
    }

    private static String randomValue(Random random, CrontabField field) {
        return Integer.toString(field.min() + random.nextInt(field.max() - field.min() + 1));
    }

    private static String randomNoisyPiece(Random random, CrontabField field) {
        String piece = switch (random.nextInt(7)) {
            case 0 -> "*/" + randomNoisyStep(random, field);
            case 1, 2 -> randomNoisyValue(random, field) + "-" + randomNoisyValue(random, field);
            case 3 -> randomNoisyValue(random, field) + "-" + randomNoisyValue(random, field) + "/"
                    + randomNoisyStep(random, field);
            case 4 -> List.of("sun", "Mon", "frx", "jan", "s", "Sat").get(random.nextInt(6));
            case 5 -> randomNoisyValue(random, field);
            default -> List.of(" 5", "5 ", "+3", "1_2", "-1", "", "x", "3/2", "05").get(random.nextInt(9));
        };
        return random.nextInt(3) == 0 ? piece + List.of(" ", "/2", "-", " x", "/").get(random.nextInt(5)) : piece;
    }

    private static String randomNoisyValue(Random random, CrontabField field) {
        return Integer.toString(field.min() - 1 + random.nextInt(field.max() - field.min() + 3));
    }

    private static String randomNoisyStep(Random random, CrontabField field) {
        return random.nextInt(6) == 0 ? "" : Integer.toString(random.nextInt(field.max() + 3));
    }

    /** Java and Celery both refuse, or both accept with the same values and the same firing minutes. */
    private static void assertAgree(List<OracleCase> cases, List<List<String>> answers) {
        List<String> disagreements = new ArrayList<>();
        for (int index = 0; index < cases.size(); index++) {
            OracleCase oracleCase = cases.get(index);
            List<String> celery = answers.get(index);
            List<String> java = javaAnswer(oracleCase);
            boolean agree = celery.get(0).equals("refused") ? java.get(0).equals("refused") : celery.equals(java);
            if (!agree) {
                disagreements.add(oracleCase + "\n    celery: " + celery + "\n    java:   " + java);
            }
        }
        assertTrue(disagreements.isEmpty(), disagreements.size() + " of " + cases.size()
                + " cases disagree with Celery:\n" + String.join("\n", disagreements));
    }

    /** What the oracle script prints, computed with {@link Crontab}. */
    private static List<String> javaAnswer(OracleCase oracleCase) {
        List<String> fields = oracleCase.fields();
        Crontab crontab;
        try {
            crontab = Crontab.parse(fields.get(0), fields.get(1), fields.get(2), fields.get(3), fields.get(4));
        } catch (InvalidCrontabException refusal) {
            return List.of("refused", refusal.getMessage());
        }
        List<String> answer = new ArrayList<>(List.of("accepted"));
        for (int position = 0; position < FIELDS.size(); position++) {
            answer.add(CrontabTest.values(FIELDS.get(position).expand(fields.get(position))).stream()
                    .map(String::valueOf).collect(Collectors.joining(",")));
        }
        Optional<Instant> moment = Optional.of(oracleCase.after());
        for (int firing = 0; firing < FIRINGS_PER_CASE; firing++) {
            moment = crontab.next(moment.get());
            if (moment.isEmpty()) {
                answer.add("never");
                break;
            }
            answer.add(moment.get().toString());
        }
        return answer;
    }

    private static List<List<String>> askCelery(List<OracleCase> cases) throws IOException, InterruptedException {
        String request = cases.stream().map(OracleCase::toJson)
                .collect(Collectors.joining(",\n", "{\"cases\": [\n", "\n]}\n"));
        PythonRun run = python(List.of(oracleScript.toString()), request);
        assertEquals(0, run.exitCode(), "the Celery oracle failed:\n" + run.stderr());
        List<List<String>> answers = run.stdout().lines().map(CrontabCeleryOracleTest::stringArray).toList();
        assertEquals(cases.size(), answers.size(), "one answer per case expected:\n" + run.stdout());
        return answers;
    }

    /** One line of the oracle's output: a JSON array of strings without escapes, as the script guarantees. */
    private static List<String> stringArray(String line) {
        assertTrue(line.startsWith("[") && line.endsWith("]"), "not a JSON array: " + line);
        List<String> strings = new ArrayList<>();
        Matcher string = JSON_STRING.matcher(line);
        while (string.find()) {
            strings.add(string.group(1));
        }
        return strings;
    }

    private record PythonRun(int exitCode, String stdout, String stderr) {
    }

    private static PythonRun python(List<String> arguments, String stdin) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> stdout = readAsync(process.getInputStream());
        CompletableFuture<String> stderr = readAsync(process.getErrorStream());
        try (OutputStream input = process.getOutputStream()) {
            input.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(PYTHON_DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(PYTHON + " " + arguments + " did not finish within " + PYTHON_DEADLINE_SECONDS + " s");
        }
        return new PythonRun(process.exitValue(), stdout.join(), stderr.join());
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("reading the Celery oracle's output failed", e);
            }
        });
    }

    private record OracleCase(List<String> fields, Instant after) {
        String toJson() {
            String fieldsJson = IntStream.range(0, FIELD_NAMES.size())
                    .mapToObj(position -> json(FIELD_NAMES.get(position)) + ": " + json(fields.get(position)))
                    .collect(Collectors.joining(", "));
            return "{" + fieldsJson + ", \"after\": " + json(after.toString()) + ", \"count\": " + FIRINGS_PER_CASE
                    + "}";
        }

        private static String json(String text) {
            if (text == null) {
                return "null";
            }
            StringBuilder quoted = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                if (c == '"' || c == '\\') {
                    quoted.append('\\').append(c);
                } else if (c < 0x20 || c > 0x7e) {
                    quoted.append(String.format("\\u%04x", (int) c));
                } else {
                    quoted.append(c);
                }
            }
            return quoted.append('"').toString();
        }

        @Override
        public String toString() {
            return fields.stream().map(field -> field == null ? "null" : "'" + field + "'")
                    .collect(Collectors.joining(" ", "crontab(", ")")) + " after " + after;
        }
    }
}
