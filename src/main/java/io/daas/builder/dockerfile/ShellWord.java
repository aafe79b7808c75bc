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
    static final char UNKNOWN = '\uE000';

    private ShellWord() {}

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
        ShellLexer w = new ShellLexer(word, known, unsetIsEmpty, escape);
        String raw = w.until((char) 0);
        return new Expansion(raw, w.wellFormed());
    }
}
