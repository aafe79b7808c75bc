package io.daas.builder.detect.go;

import io.daas.builder.detect.ProjectFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Finds the folder of a Go module's main package. */
final class GoMainPackage {

    private static final Pattern PACKAGE_MAIN = Pattern.compile("(?m)^package\\s+main\\b");

    private GoMainPackage() {}

    /** The directory of the main package: ".", "cmd/<name>", or another one at most two levels down. */
    static String of(ProjectFiles files, String moduleName, List<String> notes) {
        if (hasMain(files, "")) {
            return ".";
        }
        List<String> commands = new ArrayList<>();
        for (String name : files.list("cmd")) {
            if (hasMain(files, "cmd/" + name)) {
                commands.add("cmd/" + name);
            }
        }
        if (!commands.isEmpty()) {
            String chosen = commands.stream()
                    .filter(c -> List.of("cmd/" + moduleName, "cmd/server", "cmd/api", "cmd/web", "cmd/app")
                            .contains(c))
                    .findFirst()
                    .orElse(commands.get(0));
            if (commands.size() > 1) {
                notes.add("Several commands under cmd/ " + commands + "; building " + chosen + ".");
            }
            return chosen;
        }
        return files.findBySuffix(".go", 2).stream()
                .filter(f -> !f.endsWith("_test.go") && f.contains("/"))
                .filter(f ->
                        files.read(f).map(t -> PACKAGE_MAIN.matcher(t).find()).orElse(false))
                .map(f -> f.substring(0, f.lastIndexOf('/')))
                .findFirst()
                .orElse(null);
    }

    static boolean hasMain(ProjectFiles files, String dir) {
        for (String name : files.list(dir)) {
            String path = dir.isEmpty() ? name : dir + "/" + name;
            if (name.endsWith(".go")
                    && !name.endsWith("_test.go")
                    && files.read(path).map(t -> PACKAGE_MAIN.matcher(t).find()).orElse(false)) {
                return true;
            }
        }
        return false;
    }
}
