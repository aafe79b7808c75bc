package io.daas.builder.dockerfile;

import static io.daas.builder.dockerfile.ShellWord.UNKNOWN;

import java.util.Map;

/**
 * Walks one Dockerfile word character by character for {@link ShellWord}: quotes, the escape
 * character and {@code $} substitutions, marking each unknown variable with {@link
 * ShellWord#UNKNOWN} and noting when the word is not well formed.
 */
final class ShellLexer {

    private final String word;
    private final Map<String, String> known;
    private final boolean unsetIsEmpty;
    private final char escape;
    private int pos;
    private boolean broken;

    ShellLexer(String word, Map<String, String> known, boolean unsetIsEmpty, char escape) {
        this.word = word;
        this.known = known;
        this.unsetIsEmpty = unsetIsEmpty;
        this.escape = escape;
    }

    /** Whether quotes and braces were closed and modifiers known, so far. */
    boolean wellFormed() {
        return !broken;
    }

    private boolean more() {
        return pos < word.length();
    }

    private char peek() {
        return word.charAt(pos);
    }

    String until(char stop) {
        StringBuilder out = new StringBuilder();
        while (more()) {
            char ch = peek();
            if (stop != 0 && ch == stop) {
                pos++;
                return out.toString();
            }
            if (ch == '\'') {
                out.append(singleQuoted());
            } else if (ch == '"') {
                out.append(doubleQuoted());
            } else if (ch == '$') {
                out.append(dollar());
            } else {
                pos++;
                if (ch == escape) {
                    if (!more()) {
                        break;
                    }
                    ch = word.charAt(pos++);
                }
                out.append(ch);
            }
        }
        if (stop != 0) {
            broken = true;
        }
        return out.toString();
    }

    private String singleQuoted() {
        pos++;
        int end = word.indexOf('\'', pos);
        if (end < 0) {
            broken = true;
            String rest = word.substring(pos);
            pos = word.length();
            return rest;
        }
        String s = word.substring(pos, end);
        pos = end + 1;
        return s;
    }

    private String doubleQuoted() {
        pos++;
        StringBuilder out = new StringBuilder();
        while (more()) {
            char ch = peek();
            if (ch == '"') {
                pos++;
                return out.toString();
            }
            if (ch == '$') {
                out.append(dollar());
                continue;
            }
            pos++;
            if (ch == escape && more()) {
                char next = peek();
                if (next == '"' || next == '$' || next == escape) {
                    ch = next;
                    pos++;
                }
            } else if (ch == escape) {
                continue;
            }
            out.append(ch);
        }
        broken = true;
        return out.toString();
    }

    private String dollar() {
        pos++;
        if (!more() || peek() != '{') {
            String name = name();
            return name.isEmpty() ? "$" : value(name);
        }
        pos++;
        if (!more() || peek() == '{' || peek() == '}' || peek() == ':') {
            broken = true;
            return String.valueOf(UNKNOWN);
        }
        String name = name();
        if (!more()) {
            broken = true;
            return String.valueOf(UNKNOWN);
        }
        char ch = word.charAt(pos++);
        if (ch == '}') {
            return value(name);
        }
        if (ch != ':' || !more()) {
            broken = true;
            return String.valueOf(UNKNOWN);
        }
        char modifier = word.charAt(pos++);
        String alternative = until('}');
        if (modifier != '-' && modifier != '+') {
            broken = true;
            return String.valueOf(UNKNOWN);
        }
        String current = value(name);
        if (current.indexOf(UNKNOWN) >= 0) {
            return String.valueOf(UNKNOWN); // set or not depends on the base image: either branch may win
        }
        if (modifier == '-') {
            return current.isEmpty() ? alternative : current;
        }
        return current.isEmpty() ? "" : alternative;
    }

    private String name() {
        StringBuilder name = new StringBuilder();
        if (more() && Character.isDigit(peek())) {
            while (more() && Character.isDigit(peek())) {
                name.append(word.charAt(pos++));
            }
            return name.toString();
        }
        if (more() && "$?#!*@-".indexOf(peek()) >= 0) {
            return String.valueOf(word.charAt(pos++));
        }
        while (more() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
            name.append(word.charAt(pos++));
        }
        return name.toString();
    }

    private String value(String name) {
        String v = known.get(name);
        if (v != null) {
            return v;
        }
        return unsetIsEmpty ? "" : String.valueOf(UNKNOWN);
    }
}
