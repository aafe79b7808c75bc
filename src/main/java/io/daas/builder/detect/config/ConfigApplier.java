package io.daas.builder.detect.config;

import io.daas.builder.detect.BuildPlan;
import io.daas.builder.detect.ProjectConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies the overrides of daas.json and buildOptions that are steps of the generated Dockerfile:
 * install and build commands, port, Debian packages, build and run environment.
 */
public final class ConfigApplier {

    private ConfigApplier() {}

    public static String aptInstall(List<String> packages) {
        return "RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "
                + String.join(" ", packages) + " && rm -rf /var/lib/apt/lists/*";
    }

    /** The Dockerfile with the overrides applied; notes say what could not be. */
    public static String apply(BuildPlan plan, ProjectConfig config, List<String> notes) {
        List<String> lines = new ArrayList<>(plan.dockerfile().lines().toList());
        if (config.installCommand() != null) {
            if (!replace(lines, plan.installCommand(), config.installCommand())) {
                insertAfterSource(lines, "RUN " + config.installCommand());
            }
        }
        if (config.buildCommand() != null) {
            if (!replace(lines, plan.buildCommand(), config.buildCommand())) {
                insertAfterSource(lines, "RUN " + config.buildCommand());
            }
        }
        if (config.port() != null && plan.port() != null) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).equals("ENV PORT=" + plan.port())) {
                    lines.set(i, "ENV PORT=" + config.port());
                } else if (lines.get(i).equals("EXPOSE " + plan.port())) {
                    lines.set(i, "EXPOSE " + config.port());
                }
            }
        }
        List<Integer> froms = froms(lines);
        int last = froms.get(froms.size() - 1);
        boolean singleStage = froms.size() == 1;
        // from the end, so earlier indexes stay valid
        for (int s = froms.size() - 1; s >= 0; s--) {
            int at = froms.get(s);
            List<String> added = new ArrayList<>();
            if (config.osPackages() != null && !config.osPackages().isEmpty()) {
                if (hasApt(lines.get(at))) {
                    added.add(aptInstall(config.osPackages()));
                } else if (at == last) {
                    notes.add("osPackages are not installed in " + lines.get(at).substring(5) + ": it has no apt-get.");
                }
            }
            if (config.buildEnv() != null && (at != last || singleStage)) {
                config.buildEnv().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .forEach(e -> added.add("ARG " + e.getKey() + "=" + quote(e.getValue())));
            }
            lines.addAll(at + 1, added);
        }
        if (config.runEnv() != null && !config.runEnv().isEmpty()) {
            int port = lastIndex(lines, "ENV PORT=");
            int at = port >= 0 ? port : lines.size() - 1;
            List<String> env = config.runEnv().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> "ENV " + e.getKey() + "=" + quote(e.getValue()))
                    .toList();
            lines.addAll(at, env);
        }
        return String.join("\n", lines) + "\n";
    }

    /** Replaces the step that runs the command (a RUN line starting with it), keeping what follows it. */
    private static boolean replace(List<String> lines, String command, String replacement) {
        if (command == null) {
            return false;
        }
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.equals("RUN " + command) || line.startsWith("RUN " + command + " && ")) {
                lines.set(i, "RUN " + replacement + line.substring(("RUN " + command).length()));
                replaced = true;
            }
        }
        return replaced;
    }

    /** A new step right after the first stage's copy of the source (or its last line). */
    private static void insertAfterSource(List<String> lines, String step) {
        List<Integer> froms = froms(lines);
        int end = froms.size() > 1 ? froms.get(1) : lines.size();
        int copy = -1;
        for (int i = froms.get(0); i < end; i++) {
            if (lines.get(i).startsWith("COPY . ") || lines.get(i).startsWith("RUN ")) {
                copy = i;
            }
        }
        int at = copy >= 0 ? copy + 1 : end;
        // never after the runtime tail (ENV PORT, USER, CMD) of a one-stage Dockerfile
        int tail = lastIndex(lines, "ENV PORT=");
        if (froms.size() == 1 && tail >= 0 && at > tail) {
            at = tail;
        }
        lines.add(at, step);
    }

    private static List<Integer> froms(List<String> lines) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM ")) {
                at.add(i);
            }
        }
        return at;
    }

    private static int lastIndex(List<String> lines, String prefix) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** Busybox and distroless images have no apt-get. */
    private static boolean hasApt(String from) {
        return !from.contains("busybox") && !from.contains("distroless");
    }

    /** A double-quoted ENV or ARG value: the builder substitutes nothing in it. */
    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + "\"";
    }
}
