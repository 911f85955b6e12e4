package io.ovsworkers.core.internal;

import io.ovsworkers.api.TaskFailedException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a task's exception into Celery's failure format ({@code exc_type}, {@code exc_message}, {@code exc_module}). */
public final class TaskFailures {
    private TaskFailures() {
    }

    public static TaskFailedException failed(String taskName, Throwable error) {
        if (error instanceof TaskFailedException already) {
            return already;
        }
        Class<?> type = error.getClass();
        return new TaskFailedException(taskName, type.getSimpleName(), type.getPackageName(), error.getMessage(), error);
    }

    /** Celery's JSON form of an exception; {@code exc_message} is the list of the exception's arguments. */
    public static Map<String, Object> celeryForm(TaskFailedException failure) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("exc_type", failure.excType());
        form.put("exc_message", failure.excMessage() == null ? List.of() : List.of(failure.excMessage()));
        form.put("exc_module", failure.excModule());
        return form;
    }

    /** Rebuilds a failure from Celery's JSON form, as stored by any worker, Java or Python. */
    public static TaskFailedException fromCeleryForm(String taskName, Object form) {
        if (!(form instanceof Map<?, ?> map)) {
            return new TaskFailedException(taskName, "Exception", "builtins", String.valueOf(form), null);
        }
        Object message = map.get("exc_message");
        String text = message instanceof List<?> list
                ? (list.size() == 1 ? String.valueOf(list.get(0)) : list.toString())
                : message == null ? null : String.valueOf(message);
        return new TaskFailedException(taskName, String.valueOf(map.get("exc_type")),
                map.get("exc_module") == null ? null : String.valueOf(map.get("exc_module")), text, null);
    }

    public static String traceback(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
