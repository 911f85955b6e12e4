package io.ovsworkers.core.internal;

import com.fasterxml.jackson.databind.JavaType;
import io.ovsworkers.api.TaskArgumentException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps Celery-style {@code args} (by position) and {@code kwargs} (by name) onto a task method's parameters,
 * converting JSON-shaped values with Jackson. A value that already has the parameter's (non-generic) type is passed as
 * it is, so that inline Java callers pay nothing for conversion.
 */
final class ArgumentBinder {
    private static final Object UNSET = new Object();

    private final String taskName;
    private final String[] names;
    private final Class<?>[] rawTypes;
    private final JavaType[] types;
    private final boolean[] optional;
    private final boolean[] passThrough;

    ArgumentBinder(String taskName, Method method) {
        this.taskName = taskName;
        Parameter[] parameters = method.getParameters();
        int count = parameters.length;
        names = new String[count];
        rawTypes = new Class<?>[count];
        types = new JavaType[count];
        optional = new boolean[count];
        passThrough = new boolean[count];
        for (int i = 0; i < count; i++) {
            Parameter parameter = parameters[i];
            Type generic = parameter.getParameterizedType();
            names[i] = parameter.getName();
            rawTypes[i] = parameter.getType();
            optional[i] = rawTypes[i] == Optional.class;
            Type valueType = optional[i] && generic instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : generic;
            types[i] = Json.MAPPER.getTypeFactory().constructType(optional[i] && valueType == generic ? Object.class : valueType);
            passThrough[i] = !optional[i] && generic instanceof Class<?>;
        }
    }

    List<String> parameterNames() {
        return List.of(names);
    }

    /**
     * @param args positional arguments, possibly null
     * @param kwargs keyword arguments, possibly null
     * @return the method arguments
     * @throws TaskArgumentException naming the task and the parameter that does not fit
     */
    Object[] bind(Object[] args, Map<String, ?> kwargs) {
        int positional = args == null ? 0 : args.length;
        if (positional > names.length) {
            throw new TaskArgumentException(taskName, "args[" + names.length + "]",
                    "unexpected positional argument: the task takes " + names.length + " parameter(s) " + Arrays.toString(names)
                            + " but got " + positional + " positional arguments");
        }
        Object[] values = new Object[names.length];
        Arrays.fill(values, positional, values.length, UNSET);
        if (positional > 0) {
            System.arraycopy(args, 0, values, 0, positional);
        }
        if (kwargs != null && !kwargs.isEmpty()) {
            for (Map.Entry<String, ?> entry : kwargs.entrySet()) {
                int index = indexOf(entry.getKey());
                if (index < 0) {
                    throw new TaskArgumentException(taskName, entry.getKey(),
                            "unexpected keyword argument; the parameters are " + Arrays.toString(names));
                }
                if (index < positional) {
                    throw new TaskArgumentException(taskName, entry.getKey(), "given both by position and by keyword");
                }
                values[index] = entry.getValue();
            }
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = convert(i, values[i]);
        }
        return values;
    }

    private int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private Object convert(int index, Object value) {
        if (value == UNSET) {
            if (optional[index]) {
                return Optional.empty();
            }
            throw new TaskArgumentException(taskName, names[index], "missing argument of type " + types[index].toCanonical());
        }
        if (optional[index]) {
            if (value instanceof Optional<?> given) {
                return given.map(v -> convertValue(index, v));
            }
            return Optional.ofNullable(value == null ? null : convertValue(index, value));
        }
        if (value == null) {
            if (rawTypes[index].isPrimitive()) {
                throw new TaskArgumentException(taskName, names[index], "null given for primitive type " + rawTypes[index].getName());
            }
            return null;
        }
        if (passThrough[index] && boxed(rawTypes[index]).isInstance(value)) {
            return value;
        }
        return convertValue(index, value);
    }

    private Object convertValue(int index, Object value) {
        try {
            return Json.MAPPER.convertValue(value, types[index]);
        } catch (IllegalArgumentException e) {
            throw new TaskArgumentException(taskName, names[index], "cannot convert " + describe(value) + " to "
                    + types[index].toCanonical() + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static String describe(Object value) {
        String text;
        try {
            text = Json.MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            text = String.valueOf(value);
        }
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) {
            return Integer.class;
        } else if (type == long.class) {
            return Long.class;
        } else if (type == boolean.class) {
            return Boolean.class;
        } else if (type == double.class) {
            return Double.class;
        } else if (type == float.class) {
            return Float.class;
        } else if (type == short.class) {
            return Short.class;
        } else if (type == byte.class) {
            return Byte.class;
        }
        return Character.class;
    }
}
