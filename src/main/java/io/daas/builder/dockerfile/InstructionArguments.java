package io.daas.builder.dockerfile;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the arguments of one instruction as the classic builder does: its leading {@code --flag}
 * words, and the JSON (exec) form of those instructions that have one.
 */
final class InstructionArguments {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private InstructionArguments() {}

    /** The elements of a JSON array of strings, or null when the text is not one (then it is the shell form). */
    static List<String> jsonArray(String text) {
        if (!text.startsWith("[")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isArray()) {
                return null;
            }
            List<String> values = new ArrayList<>();
            for (JsonNode element : node) {
                if (!element.isString()) {
                    return null;
                }
                values.add(element.asString());
            }
            return values;
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * Moves the leading {@code --flag[=value]} words of an instruction's arguments into {@code flags}
     * and returns the rest. A flag without {@code =} takes the next word as its value, as newer
     * parsers do; the older ones refuse it, so reading it as a value checks more, never less.
     */
    static String extractFlags(String line, List<String> flags) {
        int pos = 0;
        int n = line.length();
        while (true) {
            while (pos < n && Character.isWhitespace(line.charAt(pos))) {
                pos++;
            }
            if (pos + 1 >= n || line.charAt(pos) != '-' || line.charAt(pos + 1) != '-') {
                return line.substring(pos);
            }
            StringBuilder word = new StringBuilder();
            pos = readWord(line, pos, word);
            String flag = word.toString();
            if (flag.equals("--")) {
                return line.substring(pos);
            }
            if (!flag.contains("=")) {
                int valueStart = pos;
                while (valueStart < n && Character.isWhitespace(line.charAt(valueStart))) {
                    valueStart++;
                }
                if (valueStart < n) {
                    StringBuilder value = new StringBuilder();
                    pos = readWord(line, valueStart, value);
                    flag = flag + "=" + value;
                }
            }
            flags.add(flag);
        }
    }

    /** Reads one blank-separated word with quotes and backslashes resolved; returns the position after it. */
    private static int readWord(String line, int start, StringBuilder word) {
        int pos = start;
        char quote = 0;
        while (pos < line.length()) {
            char ch = line.charAt(pos);
            if (quote == 0 && Character.isWhitespace(ch)) {
                break;
            }
            pos++;
            if (quote != 0 && ch == quote) {
                quote = 0;
                continue;
            }
            if (quote == 0 && (ch == '\'' || ch == '"')) {
                quote = ch;
                continue;
            }
            if (ch == '\\' && pos < line.length()) {
                ch = line.charAt(pos++);
            } else if (ch == '\\') {
                continue;
            }
            word.append(ch);
        }
        return pos;
    }
}
