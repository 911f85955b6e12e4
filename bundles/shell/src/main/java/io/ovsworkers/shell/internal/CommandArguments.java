package io.ovsworkers.shell.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Task arguments as typed in the shell: each word is JSON when it parses as JSON ({@code 3}, {@code true},
 * {@code '"text"'}, {@code '[1,2]'}) and a plain string otherwise; {@code name=value} is a keyword argument.
 *
 * @param args positional arguments
 * @param kwargs keyword arguments
 */
record CommandArguments(List<Object> args, Map<String, Object> kwargs) {
    private static final Pattern KEYWORD = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)", Pattern.DOTALL);

    static CommandArguments parse(ObjectMapper json, List<String> words) {
        List<Object> args = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (String word : words) {
            var keyword = KEYWORD.matcher(word);
            if (keyword.matches()) {
                kwargs.put(keyword.group(1), value(json, keyword.group(2)));
            } else if (!kwargs.isEmpty()) {
                throw new IllegalArgumentException("Positional argument '" + word + "' follows keyword arguments " + kwargs.keySet());
            } else {
                args.add(value(json, word));
            }
        }
        return new CommandArguments(args, kwargs);
    }

    private static Object value(ObjectMapper json, String word) {
        try {
            return json.readValue(word, Object.class);
        } catch (JsonProcessingException notJson) {
            return word;
        }
    }
}
