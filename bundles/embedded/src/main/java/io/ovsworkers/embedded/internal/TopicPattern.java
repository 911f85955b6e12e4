package io.ovsworkers.embedded.internal;

/** An AMQP topic binding pattern: dot-separated words, {@code *} matching one word, {@code #} zero or more. */
final class TopicPattern {

    private final String[] words;

    TopicPattern(String pattern) {
        this.words = pattern.split("\\.", -1);
    }

    boolean matches(String routingKey) {
        return matches(0, routingKey.split("\\.", -1), 0);
    }

    private boolean matches(int word, String[] key, int keyWord) {
        if (word == words.length) {
            return keyWord == key.length;
        }
        if (words[word].equals("#")) {
            for (int next = keyWord; next <= key.length; next++) {
                if (matches(word + 1, key, next)) {
                    return true;
                }
            }
            return false;
        }
        return keyWord < key.length
                && (words[word].equals("*") || words[word].equals(key[keyWord]))
                && matches(word + 1, key, keyWord + 1);
    }
}
