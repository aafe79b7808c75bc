package io.daas.builder.dockerfile;

import java.util.Map;

/**
 * Expands variables in one Dockerfile word as the builder's shell lexer does (moby/buildkit
 * frontend/dockerfile/shell/lex.go): {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-word}},
 * {@code ${VAR:+word}}, single quotes taken as they are, double quotes, and the escape character.
 * A variable the Dockerfile does not set (it may come from the base image) is unknown: the result
 * then says where the first unknown part starts.
 */
final class ShellWord {

    /** Stands for an unknown value while expanding; never in a Dockerfile we accept. */
    private static final char UNKNOWN = '\uE000';

    private final String word;
    private final Map<String, String> known;
    private final boolean unsetIsEmpty;
    private final char escape;
    private int pos;
    private boolean broken;

    private ShellWord(String word, Map<String, String> known, boolean unsetIsEmpty, char escape) {
        this.word = word;
        this.known = known;
        this.unsetIsEmpty = unsetIsEmpty;
        this.escape = escape;
    }

    /**
     * The expanded word.
     *
     * @param raw the expansion with each unknown part marked
     * @param wellFormed whether quotes and braces were closed and modifiers known
     */
    record Expansion(String raw, boolean wellFormed) {

        /** The expansion with unknown parts left out. */
        String value() {
            return raw.replace(String.valueOf(UNKNOWN), "");
        }

        /** The part before the first unknown variable (all of it when none). */
        String knownPrefix() {
            int unknown = raw.indexOf(UNKNOWN);
            return unknown < 0 ? raw : raw.substring(0, unknown);
        }

        /** Whether every variable was known and the word well formed. */
        boolean complete() {
            return wellFormed && raw.indexOf(UNKNOWN) < 0;
        }
    }

    /**
     * Expands {@code word}.
     *
     * @param known variables and their values (values may hold unknown parts, from earlier expansions)
     * @param unsetIsEmpty whether a variable missing from {@code known} is empty (ARGs before FROM) rather
     *     than unknown (a base image's ENV may set it)
     */
    static Expansion expand(String word, Map<String, String> known, boolean unsetIsEmpty, char escape) {
        ShellWord w = new ShellWord(word, known, unsetIsEmpty, escape);
        String raw = w.until((char) 0);
        return new Expansion(raw, !w.broken);
    }

    private boolean more() {
        return pos < word.length();
    }

    private char peek() {
        return word.charAt(pos);
    }

    private String until(char stop) {
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
