package io.daas.builder.provenance;

import io.daas.builder.provenance.Lockfiles.Dependency;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads pnpm-lock.yaml: the {@code name@version} keys of its {@code packages:} section. */
final class PnpmLock {

    private static final Pattern PNPM_KEY = Pattern.compile("^  /?('?)(@?[^@\\s'(]+)@([^:(\\s']+)");

    private PnpmLock() {}

    static void read(List<String> lines, String source, List<Dependency> out) {
        boolean inPackages = false;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            if (!line.startsWith(" ")) {
                inPackages = line.startsWith("packages:");
                continue;
            }
            Matcher m = PNPM_KEY.matcher(line);
            if (inPackages && m.find()) {
                out.add(new Dependency("npm", m.group(2), m.group(3), source));
            }
        }
    }
}
