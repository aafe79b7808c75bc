package io.daas.builder.detect.rust;

import io.daas.builder.detect.Manifests;
import io.daas.builder.detect.ProjectFiles;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The binaries a Cargo package or workspace builds, and the member folders its globs name. */
final class CargoTargets {

    private CargoTargets() {}

    /** A binary target and the package it belongs to. */
    record Bin(String pkg, String name) {}

    /** Binaries a package builds: its [[bin]] entries, else its name when src/main.rs exists, plus src/bin/*.rs. */
    static List<Bin> binaries(ProjectFiles files, String dir, JsonNode cargo) {
        List<String> names = new ArrayList<>();
        String packageName = Manifests.text(cargo, "package", "name");
        for (JsonNode bin : cargo.path("bin").values()) {
            String name = Manifests.text(bin, "name");
            if (name != null) {
                names.add(name);
            }
        }
        if (packageName != null && names.isEmpty() && files.isFile(dir + "src/main.rs")) {
            names.add(packageName);
        }
        if (!cargo.path("package").path("autobins").isBoolean()
                || cargo.path("package").path("autobins").asBoolean()) {
            for (String file : files.list(dir + "src/bin")) {
                String name = file.endsWith(".rs") ? file.substring(0, file.length() - 3) : file;
                if (!names.contains(name)
                        && (file.endsWith(".rs") || files.isFile(dir + "src/bin/" + file + "/main.rs"))) {
                    names.add(name);
                }
            }
        }
        return names.stream().map(name -> new Bin(packageName, name)).toList();
    }

    /** Workspace member paths matching a member entry, whose segments may hold * and ? globs. */
    static List<String> expand(ProjectFiles files, String member) {
        List<String> dirs = List.of("");
        String path = member.strip().replaceAll("^(\\./)+", "").replaceAll("/+$", "");
        if (path.startsWith("/") || path.contains("..")) {
            return List.of();
        }
        for (String segment : path.split("/")) {
            List<String> next = new ArrayList<>();
            for (String dir : dirs) {
                String prefix = dir.isEmpty() ? "" : dir + "/";
                if (!segment.contains("*") && !segment.contains("?")) {
                    if (files.isDirectory(prefix + segment)) {
                        next.add(prefix + segment);
                    }
                    continue;
                }
                java.util.regex.Pattern glob = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(segment)
                        .replace("*", "\\E.*\\Q")
                        .replace("?", "\\E.\\Q"));
                for (String name : files.list(dir)) {
                    if (glob.matcher(name).matches() && files.isDirectory(prefix + name)) {
                        next.add(prefix + name);
                    }
                }
            }
            dirs = next;
        }
        return dirs.stream().filter(d -> files.isFile(d + "/Cargo.toml")).toList();
    }
}
