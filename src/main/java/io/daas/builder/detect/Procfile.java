package io.daas.builder.detect;

import java.util.Optional;

/** Reads the {@code web:} process from a Heroku-style Procfile. */
public final class Procfile {

    private Procfile() {}

    /** The command of the {@code web:} line, if the bundle has a Procfile with one. */
    static Optional<String> web(ProjectFiles files) {
        return files.read("Procfile").flatMap(Procfile::web);
    }

    static Optional<String> web(String text) {
        return text.lines()
                .map(String::strip)
                .filter(line -> line.startsWith("web:"))
                .map(line -> line.substring("web:".length()).strip())
                .filter(command -> !command.isEmpty())
                .findFirst();
    }
}
