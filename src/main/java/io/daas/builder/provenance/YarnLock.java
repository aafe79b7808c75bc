package io.daas.builder.provenance;

import io.daas.builder.provenance.Lockfiles.Dependency;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads yarn.lock (classic and berry): each entry's name and its {@code version} line; workspaces are skipped. */
final class YarnLock {

    private static final Pattern YARN_VERSION = Pattern.compile("^\\s+version:?\\s+\"?([^\"\\s]+)\"?");

    private YarnLock() {}

    static void read(List<String> lines, String source, List<Dependency> out) {
        String name = null;
        for (String line : lines) {
            if (!line.isEmpty() && !line.startsWith(" ") && !line.startsWith("#") && line.endsWith(":")) {
                String first = line.substring(0, line.length() - 1)
                        .split(",")[0]
                        .strip()
                        .replace("\"", "");
                int at = first.indexOf('@', first.startsWith("@") ? 1 : 0);
                name = at > 0 ? first.substring(0, at) : null;
                if (name != null && first.contains("@workspace:")) {
                    name = null;
                }
            } else if (name != null) {
                Matcher m = YARN_VERSION.matcher(line);
                if (m.find() && line.startsWith("  ") && !line.startsWith("    ")) {
                    out.add(new Dependency("npm", name, m.group(1), source));
                    name = null;
                }
            }
        }
    }
}
