package io.daas.builder.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the project's scripts (scripts/*.sh) and other commands the way a user would, for tests. */
public final class Scripts {

    private Scripts() {}

    /** Runs {@code command} in the project folder with extra environment; returns its output, or fails with it. */
    public static String run(Map<String, String> env, Duration timeout, String... command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("daas-script-", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command)));
            pb.environment().putAll(env);
            pb.redirectErrorStream(true).redirectOutput(out.toFile());
            Process process = pb.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(
                        String.join(" ", command) + " did not end within " + timeout + ":\n" + Files.readString(out));
            }
            String output = Files.readString(out);
            if (process.exitValue() != 0) {
                throw new AssertionError(
                        String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + output);
            }
            return output;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
