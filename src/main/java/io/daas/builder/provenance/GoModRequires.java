package io.daas.builder.provenance;

import io.daas.builder.provenance.Lockfiles.Dependency;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code require} lines and blocks of a go.mod. */
final class GoModRequires {

    private static final Pattern GO_REQUIRE = Pattern.compile("^(?:require\\s+)?([^\\s()]+)\\s+(v[^\\s]+)");

    private GoModRequires() {}

    static void read(List<String> lines, String source, List<Dependency> out) {
        boolean block = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("require (")) {
                block = true;
            } else if (block && line.startsWith(")")) {
                block = false;
            } else if (block || line.startsWith("require ")) {
                Matcher m = GO_REQUIRE.matcher(line);
                if (m.find()) {
                    out.add(new Dependency("golang", m.group(1), m.group(2), source));
                }
            }
        }
    }
}
