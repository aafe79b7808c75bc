package io.daas.builder.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a Dockerfile into instructions the way the classic builder's parser does (moby/buildkit
 * frontend/dockerfile/parser, as vendored by Docker 20.10): parser directives, line continuations
 * with the escape character, comments (also inside continued instructions), leading flags, JSON and
 * shell forms, and {@code ONBUILD} triggers. Heredocs are BuildKit-only and not recognised, as in
 * the classic builder.
 */
public final class DockerfileParser {

    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
    private static final Pattern BLANKS = Pattern.compile("[\\t\\u000B\\f\\r ]+");

    private DockerfileParser() {}

    /** Parses the text of a Dockerfile; never fails (what the engine would refuse is left to it). */
    public static ParsedDockerfile parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length > 0 && lines[0].startsWith("\uFEFF")) {
            lines[0] = lines[0].substring(1);
        }
        Directives d = new Directives();
        List<Instruction> out = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            String token = stripLeft(chopCr(lines[i]));
            d.look(token);
            token = token.startsWith("#") ? "" : token;
            int start = ++i;
            Continued first = d.trimContinuation(token);
            if (first.ended() && first.text().isEmpty()) {
                continue;
            }
            StringBuilder line = new StringBuilder(first.text());
            boolean ended = first.ended();
            while (!ended && i < lines.length) {
                String raw = chopCr(lines[i++]);
                d.look(raw);
                String stripped = stripLeft(raw);
                if (stripped.startsWith("#") || stripped.isEmpty()) {
                    continue; // comments and blank lines inside a continued instruction are dropped
                }
                Continued next = d.trimContinuation(raw);
                line.append(next.text());
                ended = next.ended();
            }
            Instruction instruction = instruction(line.toString(), start);
            if (instruction != null) {
                out.add(instruction);
            }
        }
        return new ParsedDockerfile(out, d.escape, d.syntax);
    }

    private static Instruction instruction(String line, int number) {
        String[] split = BLANKS.split(line.strip(), 2);
        if (split[0].isEmpty()) {
            return null;
        }
        String keyword = split[0].toUpperCase(Locale.ROOT);
        List<String> flags = new ArrayList<>();
        String rest = split.length == 2
                ? InstructionArguments.extractFlags(split[1], flags).strip()
                : "";
        if (keyword.equals("ONBUILD")) {
            Instruction trigger = rest.isEmpty() ? null : instruction(rest, number);
            return new Instruction(number, keyword, flags, rest, null, trigger);
        }
        List<String> json = switch (keyword) {
            case "ADD", "COPY", "RUN", "CMD", "ENTRYPOINT", "SHELL", "VOLUME" -> InstructionArguments.jsonArray(rest);
            default -> null;
        };
        return new Instruction(number, keyword, flags, rest, json, null);
    }

    private static String chopCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static String stripLeft(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    private record Continued(String text, boolean ended) {}

    /** Parser directives ({@code # escape=`}, {@code # syntax=...}): only before anything else. */
    private static final class Directives {
        private char escape = '\\';
        private String syntax;
        private boolean done;
        private Pattern continuation = continuationOf('\\');

        void look(String line) {
            if (done) {
                return;
            }
            Matcher m = DIRECTIVE.matcher(line);
            if (!m.matches()) {
                done = true;
                return;
            }
            String name = m.group(1).toLowerCase(Locale.ROOT);
            if (name.equals("escape") && (m.group(2).equals("`") || m.group(2).equals("\\"))) {
                escape = m.group(2).charAt(0);
                continuation = continuationOf(escape);
            } else if (name.equals("syntax")) {
                syntax = m.group(2);
            } else if (!name.equals("escape")) {
                done = true;
            }
        }

        Continued trimContinuation(String line) {
            Matcher m = continuation.matcher(line);
            if (m.find()) {
                return new Continued(line.substring(0, m.start()), false);
            }
            return new Continued(line, true);
        }

        private static Pattern continuationOf(char escape) {
            return Pattern.compile(Pattern.quote(String.valueOf(escape)) + "[ \\t]*$");
        }
    }
}
