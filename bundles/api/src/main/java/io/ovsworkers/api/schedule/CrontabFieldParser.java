package io.ovsworkers.api.schedule;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Expands one crontab field the way Celery 5.2's {@code crontab_parser} does; {@link Crontab} lists its rules. */
final class CrontabFieldParser {
    private static final List<String> DAY_NAMES = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

    private final CrontabField field;
    private final String spec;

    CrontabFieldParser(CrontabField field, String spec) {
        this.field = field;
        this.spec = spec;
    }

    long expand() {
        if (spec == null) {
            throw new InvalidCrontabException(field.fieldName(), null, "no value");
        }
        long values = 0;
        for (String part : spec.split(",", -1)) {
            if (part.isEmpty()) {
                throw invalid("empty element in the list");
            }
            for (int value : expandPart(part)) {
                values |= 1L << value;
            }
        }
        return values;
    }

    private List<Integer> expandPart(String part) {
        if (part.startsWith("*/")) {
            return everyNth(all(), stepAt(part, 2));
        }
        // Python's '$' also matches before a final newline.
        if (part.equals("*") || part.equals("*\n")) {
            return all();
        }
        int fromEnd = wordEnd(part, 0);
        if (fromEnd > 0 && fromEnd < part.length() && part.charAt(fromEnd) == '-') {
            int toEnd = wordEnd(part, fromEnd + 1);
            if (toEnd > fromEnd + 1) {
                List<Integer> range = range(part.substring(0, fromEnd), part.substring(fromEnd + 1, toEnd));
                if (toEnd < part.length() && part.charAt(toEnd) == '/') {
                    return everyNth(range, stepAt(part, toEnd + 1));
                }
                return range;
            }
        }
        return List.of(number(part));
    }

    private List<Integer> all() {
        return valuesBetween(field.min(), field.max());
    }

    private List<Integer> range(String fromToken, String toToken) {
        int from = number(fromToken);
        int to = number(toToken);
        if (to >= from) {
            return valuesBetween(from, to);
        }
        List<Integer> wrapped = new ArrayList<>(valuesBetween(from, field.max()));
        wrapped.addAll(valuesBetween(field.min(), to));
        return wrapped;
    }

    private static List<Integer> valuesBetween(int first, int last) {
        List<Integer> values = new ArrayList<>();
        for (int value = first; value <= last; value++) {
            values.add(value);
        }
        return values;
    }

    private static List<Integer> everyNth(List<Integer> values, int step) {
        List<Integer> kept = new ArrayList<>();
        for (int index = 0; index < values.size(); index += step) {
            kept.add(values.get(index));
        }
        return kept;
    }

    /** The step written from {@code start} on: a run of word characters that Python's {@code int()} accepts. */
    private int stepAt(String part, int start) {
        String token = part.substring(start, wordEnd(part, start));
        if (token.isEmpty()) {
            throw invalid("no step after '/' in '" + part + "'");
        }
        BigInteger step = pythonInt(token);
        if (step == null) {
            throw invalid("step '" + token + "' is not a number");
        }
        if (step.signum() == 0) {
            throw invalid("step must not be 0");
        }
        // Any step past the field's size keeps only the first value; capping avoids int overflow.
        return step.min(BigInteger.valueOf(field.max() + 1L)).intValueExact();
    }

    private int number(String token) {
        if (token.startsWith("-")) {
            throw invalid("negative numbers are not supported: '" + token + "'");
        }
        BigInteger parsed = pythonInt(token);
        BigInteger value = parsed != null ? parsed : BigInteger.valueOf(dayNumber(token));
        if (value.compareTo(BigInteger.valueOf(field.min())) < 0
                || value.compareTo(BigInteger.valueOf(field.max())) > 0) {
            String shown = parsed != null ? token.strip() : "'" + token + "' (" + value + ")";
            throw invalid(shown + " is out of range " + field.min() + "-" + field.max());
        }
        return value.intValueExact();
    }

    /** Celery's {@code weekday()}: only the first three characters count, in any case. */
    private int dayNumber(String token) {
        int prefixEnd = token.offsetByCodePoints(0, Math.min(3, token.codePointCount(0, token.length())));
        int day = DAY_NAMES.indexOf(token.substring(0, prefixEnd).toLowerCase(Locale.ROOT));
        if (day < 0) {
            throw invalid(Character.isLetter(token.codePointAt(0))
                    ? "unknown day name '" + token + "'"
                    : "'" + token + "' is not a number");
        }
        return day;
    }

    private InvalidCrontabException invalid(String reason) {
        return new InvalidCrontabException(field.fieldName(), spec, reason);
    }

    /** Python's {@code int(text)} in base 10, or {@code null} where Python raises {@code ValueError}. */
    private static BigInteger pythonInt(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isPythonSpace(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && isPythonSpace(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        boolean negative = false;
        if (start < end && (text.charAt(start) == '+' || text.charAt(start) == '-')) {
            negative = text.charAt(start) == '-';
            start++;
        }
        StringBuilder digits = new StringBuilder();
        // Python allows single underscores between digits only.
        boolean lastWasDigit = false;
        for (int index = start; index < end; ) {
            int codePoint = text.codePointAt(index);
            index += Character.charCount(codePoint);
            if (Character.getType(codePoint) == Character.DECIMAL_DIGIT_NUMBER) {
                digits.append(Character.forDigit(Character.digit(codePoint, 10), 10));
                lastWasDigit = true;
            } else if (codePoint == '_' && lastWasDigit) {
                lastWasDigit = false;
            } else {
                return null;
            }
        }
        if (!lastWasDigit) {
            return null;
        }
        BigInteger value = new BigInteger(digits.toString());
        return negative ? value.negate() : value;
    }

    /** Python's {@code str.isspace()}. */
    private static boolean isPythonSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || codePoint == 0x85;
    }

    /** The end of the run of Python regular-expression word characters ({@code \w}) that starts at {@code start}. */
    private static int wordEnd(String text, int start) {
        int index = start;
        while (index < text.length() && isPythonWordCharacter(text.codePointAt(index))) {
            index += Character.charCount(text.codePointAt(index));
        }
        return index;
    }

    /** Python's {@code \w} on {@code str}: letters, all kinds of numbers, and the underscore. */
    private static boolean isPythonWordCharacter(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isLetter(codePoint)
                || type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER
                || codePoint == '_';
    }
}
