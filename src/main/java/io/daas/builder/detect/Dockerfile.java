package io.daas.builder.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Builds Dockerfile text for the classic builder (no syntax line, no BuildKit-only flags). */
public final class Dockerfile {

    /** Makes a system user "app" (uid 10001) on Debian and Ubuntu based images. */
    public static final String DEBIAN_USER = "RUN useradd --system --uid 10001 --user-group --home-dir /app"
            + " --no-create-home --shell /usr/sbin/nologin app";

    private static final Pattern SHELL_SYNTAX = Pattern.compile("[&|;<>()`]");
    private static final Pattern NEEDS_SHELL = Pattern.compile("[$'\"*?~\\\\]");
    private static final Pattern LINE_BREAK = Pattern.compile("[\\n\\r]");
    private static final Pattern LEADING_ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=.*");

    private final List<String> lines = new ArrayList<>();

    public Dockerfile from(String image) {
        if (!lines.isEmpty()) {
            lines.add("");
        }
        return add("FROM " + image);
    }

    public Dockerfile from(String image, String stage) {
        return from(image + " AS " + stage);
    }

    public Dockerfile comment(String text) {
        return add("# " + text);
    }

    public Dockerfile line(String instruction) {
        return instruction == null ? this : add(instruction);
    }

    /**
     * Adds one line. Names and scripts read from the bundle's files (a crate name, a package.json
     * script) may hold a line break, which would start an instruction of the bundle's choosing.
     */
    private Dockerfile add(String line) {
        if (LINE_BREAK.matcher(line).find()) {
            String shown = LINE_BREAK.matcher(line).replaceAll("\\\\n");
            throw new InvalidProjectConfigException("A name or command read from the bundle's project files holds a"
                    + " line break, which a Dockerfile line cannot: "
                    + (shown.length() > 160 ? shown.substring(0, 160) + "..." : shown)
                    + ". Make it one line (or add a Dockerfile to the bundle)");
        }
        lines.add(line);
        return this;
    }

    public Dockerfile workdir(String dir) {
        return line("WORKDIR " + dir);
    }

    public Dockerfile env(String assignments) {
        return line("ENV " + assignments);
    }

    public Dockerfile copy(String sources) {
        return line("COPY " + sources);
    }

    public Dockerfile run(String command) {
        return line("RUN " + command);
    }

    /** The common tail: PORT, EXPOSE, the non-root USER, a HEALTHCHECK and the CMD. */
    public Dockerfile serve(int port, String user, Healthcheck healthcheck, String start, boolean shell) {
        line("ENV PORT=" + port);
        line("EXPOSE " + port);
        line("USER " + user);
        line(healthcheck.instruction());
        return line("CMD " + cmd(start, shell));
    }

    public String text() {
        return String.join("\n", lines) + "\n";
    }

    /**
     * The CMD for a start command: exec form when it is a plain word list (so the process gets
     * signals), else through sh -c (with exec when it is a single command).
     */
    static String cmd(String command, boolean shell) {
        String trimmed = command.strip();
        boolean plain = !SHELL_SYNTAX.matcher(trimmed).find()
                && !NEEDS_SHELL.matcher(trimmed).find()
                && !LEADING_ASSIGNMENT.matcher(trimmed).matches();
        if (!shell || plain) {
            return json(List.of(trimmed.split("\\s+")));
        }
        boolean single = !SHELL_SYNTAX.matcher(trimmed).find()
                && !LEADING_ASSIGNMENT.matcher(trimmed).matches()
                && !trimmed.startsWith("exec ");
        return json(List.of("sh", "-c", single ? "exec " + trimmed : trimmed));
    }

    static String json(List<String> words) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append('"')
                    .append(words.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return out.append(']').toString();
    }
}
