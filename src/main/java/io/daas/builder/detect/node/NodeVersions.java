package io.daas.builder.detect.node;

import io.daas.builder.detect.ProjectFiles;
import io.daas.builder.detect.VersionChoice;
import io.daas.builder.detect.VersionRange;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Picks the Node.js major for the image from engines.node, .nvmrc or .node-version. */
final class NodeVersions {

    static final String DEFAULT = "22";
    static final String NEWEST = "24";
    /** Image lines in preference order: the default LTS first, then newer, then older. */
    private static final List<String> CANDIDATES = List.of("22", "24", "20", "18", "16", "14", "12", "10");

    private static final Map<String, String> LTS_NAMES =
            Map.of("krypton", "24", "jod", "22", "iron", "20", "hydrogen", "18", "gallium", "16", "fermium", "14");

    private NodeVersions() {}

    static VersionChoice choose(ProjectFiles files, NodePackage pkg, List<String> notes) {
        String engines = pkg.enginesNode();
        if (engines != null && !engines.isBlank()) {
            return resolve(engines, "package.json engines.node", notes);
        }
        for (String file : List.of(".nvmrc", ".node-version")) {
            Optional<String> line = files.firstLine(file);
            if (line.isPresent()) {
                return resolve(line.get(), file, notes);
            }
        }
        return VersionChoice.defaulted(DEFAULT);
    }

    static VersionChoice resolve(String wanted, String source, List<String> notes) {
        String value = wanted.strip().toLowerCase(java.util.Locale.ROOT);
        if (value.equals("node") || value.equals("latest") || value.equals("current") || value.equals("lts/*")) {
            return new VersionChoice(NEWEST, source);
        }
        if (value.startsWith("lts/")) {
            String major = LTS_NAMES.get(value.substring(4));
            if (major != null) {
                return new VersionChoice(major, source);
            }
        }
        Optional<String> picked = VersionRange.pick(value, CANDIDATES);
        if (picked.isPresent()) {
            return new VersionChoice(picked.get(), source);
        }
        notes.add("No Node.js image line matches " + source + " \"" + wanted + "\"; using Node.js " + DEFAULT + ".");
        return VersionChoice.defaulted(DEFAULT);
    }
}
