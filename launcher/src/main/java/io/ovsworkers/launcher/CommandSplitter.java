package io.ovsworkers.launcher;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits the {@code -c} argument into commands at each {@code ;} that is outside quotes and outside
 * {@code {} [] ()} brackets, so that Gogo closures and lists keep their own {@code ;}. A backslash
 * escapes the next character. The pieces keep their text as written (quotes, escapes), so Gogo parses
 * each one exactly as it would have parsed it inside the whole line.
 */
final class CommandSplitter {

    private CommandSplitter() {
    }

    /**
     * @return the trimmed, non-empty commands in order
     * @throws IllegalArgumentException naming the problem when a quote or bracket is not closed, or a
     *     bracket is closed that was not opened
     */
    static List<String> split(String line) {
        List<String> commands = new ArrayList<>();
        Deque<Character> open = new ArrayDeque<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                current.append(c).append(line.charAt(++i));
                continue;
            }
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '{' || c == '[' || c == '(') {
                open.push(c);
            } else if (c == '}' || c == ']' || c == ')') {
                if (open.isEmpty() || open.pop() != opening(c)) {
                    throw new IllegalArgumentException("unbalanced '" + c + "' at position " + (i + 1) + " in: " + line);
                }
            } else if (c == ';' && open.isEmpty()) {
                add(commands, current);
                continue;
            }
            current.append(c);
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated " + quote + " quote in: " + line);
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException("unclosed '" + open.peek() + "' in: " + line);
        }
        add(commands, current);
        return commands;
    }

    private static char opening(char closing) {
        return switch (closing) {
            case '}' -> '{';
            case ']' -> '[';
            default -> '(';
        };
    }

    private static void add(List<String> commands, StringBuilder current) {
        String command = current.toString().trim();
        if (!command.isEmpty()) {
            commands.add(command);
        }
        current.setLength(0);
    }
}
