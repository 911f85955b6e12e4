package io.ovsworkers.beat.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ovsworkers.api.schedule.Crontab;
import io.ovsworkers.api.schedule.InvalidCrontabException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The schedule overrides of the configuration, in the shape of the original's {@code /ovs/framework/scheduling/celery}
 * key: a JSON object from task name to {@code null} (the task is not scheduled) or to an object of Celery
 * {@code crontab} keyword arguments, which replaces the schedule in code entirely (missing fields are {@code *}).
 *
 * <p>As in the original, an empty or {@code null} root means no overrides. A root that is not a JSON object is
 * refused as a whole and the code schedules apply. An override that Celery's {@code crontab(**value)} would refuse
 * disables its task only (D6), with a problem that names the task and the field.
 */
final class Overrides {

    static final Overrides NONE = new Overrides(Map.of(), List.of());

    /** Celery's keyword arguments, in the order of its positional ones. */
    private static final List<String> FIELDS =
            List.of("minute", "hour", "day_of_week", "day_of_month", "month_of_year");

    /** The names {@link InvalidCrontabException#field()} uses, in the order of {@link #FIELDS}. */
    private static final List<String> CAMEL_CASE_FIELDS =
            List.of("minute", "hour", "dayOfWeek", "dayOfMonth", "monthOfYear");

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** What the configuration says about one task. */
    sealed interface Override {
    }

    /** The task is not scheduled. */
    record Disabled() implements Override {
    }

    /** The task fires on this crontab instead of the one in code. */
    record Replaced(Crontab crontab) implements Override {
    }

    /** The configuration's value for the task is invalid; the task is not scheduled. */
    record Invalid(String problem) implements Override {
    }

    private final Map<String, Override> byTask;
    private final List<String> problems;

    private Overrides(Map<String, Override> byTask, List<String> problems) {
        this.byTask = Map.copyOf(byTask);
        this.problems = List.copyOf(problems);
    }

    /**
     * Reads the {@code overrides} configuration value: JSON text, or null when not configured.
     */
    static Overrides parse(Object configured) {
        if (configured == null || String.valueOf(configured).isBlank()) {
            return NONE;
        }
        JsonNode root;
        try {
            root = JSON.readTree(String.valueOf(configured));
        } catch (JacksonException e) {
            return refused("is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || root.isNull()) {
            return NONE;
        }
        if (!root.isObject()) {
            return refused("must be a JSON object from task name to crontab fields or null, was " + kind(root));
        }
        Map<String, Override> byTask = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> tasks = root.fields(); tasks.hasNext(); ) {
            Map.Entry<String, JsonNode> task = tasks.next();
            Override override = override(task.getValue());
            byTask.put(task.getKey(), override);
            if (override instanceof Invalid invalid) {
                problems.add("Configuration " + BeatConfig.PID + ": key 'overrides': task '" + task.getKey()
                        + "' is not scheduled: " + invalid.problem());
            }
        }
        return new Overrides(byTask, problems);
    }

    private static Overrides refused(String reason) {
        return new Overrides(Map.of(), List.of("Refused configuration " + BeatConfig.PID + ": key 'overrides' "
                + reason + "; the schedules in code apply"));
    }

    private static Override override(JsonNode value) {
        if (value.isNull()) {
            return new Disabled();
        }
        if (!value.isObject()) {
            return new Invalid("its override must be an object of crontab fields or null, was " + kind(value));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> entries = value.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> field = entries.next();
            if (!FIELDS.contains(field.getKey())) {
                return new Invalid("unknown crontab field '" + field.getKey() + "' (fields: "
                        + String.join(", ", FIELDS) + ")");
            }
            JsonNode text = field.getValue();
            if (!text.isTextual() && !text.isIntegralNumber()) {
                return new Invalid("crontab field " + field.getKey() + " must be a string or a whole number, was "
                        + kind(text));
            }
            fields.put(field.getKey(), text.asText());
        }
        try {
            return new Replaced(Crontab.parse(field(fields, 0), field(fields, 1), field(fields, 2), field(fields, 3),
                    field(fields, 4)));
        } catch (InvalidCrontabException e) {
            String name = FIELDS.get(CAMEL_CASE_FIELDS.indexOf(e.field()));
            return new Invalid("crontab field " + name + " is refused (" + e.getMessage() + ")");
        }
    }

    private static String field(Map<String, String> fields, int index) {
        return fields.getOrDefault(FIELDS.get(index), "*");
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case OBJECT -> "an object";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** What the configuration says about the task, if anything. */
    Optional<Override> forTask(String task) {
        return Optional.ofNullable(byTask.get(task));
    }

    /** One error line per refused value: the whole root, or each invalid override naming its task and field. */
    List<String> problems() {
        return problems;
    }
}
