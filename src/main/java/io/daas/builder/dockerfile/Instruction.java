package io.daas.builder.dockerfile;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One Dockerfile instruction after line continuations and comments are resolved.
 *
 * @param line the line of the Dockerfile it starts on (1-based)
 * @param keyword the instruction, upper case, like FROM or ADD
 * @param flags its leading {@code --name=value} flags, as written
 * @param arguments the rest of the instruction after the flags, trimmed
 * @param json the elements of a JSON-array argument (exec form), or null for the shell form
 * @param trigger the instruction inside an {@code ONBUILD}, or null
 */
public record Instruction(
        int line, String keyword, List<String> flags, String arguments, List<String> json, Instruction trigger) {

    public Instruction {
        flags = List.copyOf(flags);
        json = json == null ? null : List.copyOf(json);
    }

    /** The value of the first flag {@code --name=value} or {@code --name value}, if it is given. */
    public Optional<String> flag(String name) {
        return flags(name).stream().findFirst();
    }

    /** Every value of flag {@code name}, in order (RUN may carry several {@code --mount}s). */
    public List<String> flags(String name) {
        String prefix = "--" + name.toLowerCase(Locale.ROOT);
        return flags.stream()
                .filter(f -> f.toLowerCase(Locale.ROOT).equals(prefix)
                        || f.toLowerCase(Locale.ROOT).startsWith(prefix + "="))
                .map(f -> f.length() > prefix.length() ? f.substring(prefix.length() + 1) : "")
                .toList();
    }

    /** The arguments split as the builder splits them: the JSON elements, or the words between blanks. */
    public List<String> words() {
        if (json != null) {
            return json;
        }
        String trimmed = arguments.strip();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("[\\t\\u000B\\f\\r ]+"));
    }
}
