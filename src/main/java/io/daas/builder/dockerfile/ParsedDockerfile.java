package io.daas.builder.dockerfile;

import java.util.List;

/**
 * A Dockerfile as the classic builder reads it.
 *
 * @param instructions its instructions in order
 * @param escape the escape character ({@code \} or the {@code # escape=} directive's backtick)
 * @param syntax the {@code # syntax=} directive's image, or null
 */
public record ParsedDockerfile(List<Instruction> instructions, char escape, String syntax) {

    public ParsedDockerfile {
        instructions = List.copyOf(instructions);
    }
}
