package io.daas.builder.provenance;

import io.daas.builder.provenance.Lockfiles.Dependency;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the exact pins ({@code name==version}, {@code name===version}) of a requirements.txt. */
final class RequirementsPins {

    private static final Pattern PIN =
            Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]*)(\\[[^]]*])?\\s*===?\\s*([^\\s;#]+)");

    private RequirementsPins() {}

    static void read(List<String> lines, String source, List<Dependency> out) {
        for (String line : lines) {
            Matcher m = PIN.matcher(line.strip());
            if (m.find()) {
                out.add(new Dependency("pypi", m.group(1), m.group(3), source));
            }
        }
    }
}
