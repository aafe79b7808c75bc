package io.daas.builder.detect.node;

import io.daas.builder.detect.Manifests;
import io.daas.builder.detect.ProjectFiles;
import io.daas.builder.detect.frontend.JsConfig;
import tools.jackson.databind.JsonNode;

/**
 * The facts detection needs from a package.json.
 *
 * @param json the parsed package.json (missing when it does not parse)
 * @param pnpmWorkspace whether a pnpm-workspace.yaml sits beside it
 */
public record NodePackage(JsonNode json, boolean pnpmWorkspace) {

    NodePackage(JsonNode json) {
        this(json, false);
    }

    public static NodePackage read(ProjectFiles files) {
        return read(files, "");
    }

    /** The package.json in a folder ("" for the root). */
    public static NodePackage read(ProjectFiles files, String dir) {
        String prefix = dir.isEmpty() ? "" : dir + "/";
        return new NodePackage(
                Manifests.json(files.read(prefix + "package.json")), files.isFile(prefix + "pnpm-workspace.yaml"));
    }

    /** The version range a dependency is declared with, or null. */
    public String dependencyVersion(String name) {
        String version = Manifests.text(json, "dependencies", name);
        return version != null ? version : Manifests.text(json, "devDependencies", name);
    }

    public String script(String name) {
        return Manifests.text(json, "scripts", name);
    }

    public boolean hasScript(String name) {
        String script = script(name);
        return script != null && !script.isBlank();
    }

    public boolean depends(String name) {
        return json.path("dependencies").has(name)
                || json.path("devDependencies").has(name);
    }

    public boolean dependsOnPrefix(String prefix) {
        for (String section : new String[] {"dependencies", "devDependencies"}) {
            for (String name : json.path(section).propertyNames()) {
                if (name.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** No dependencies at all, so a missing lockfile pins nothing away. */
    static boolean dependencyFree(NodePackage pkg) {
        return pkg.json.path("dependencies").isEmpty()
                && pkg.json.path("devDependencies").isEmpty();
    }

    String main() {
        return Manifests.text(json, "main");
    }

    String enginesNode() {
        return Manifests.text(json, "engines", "node");
    }

    /** The "packageManager" field, e.g. "pnpm@9.1.0", or null. */
    String packageManager() {
        return Manifests.text(json, "packageManager");
    }

    /** npm and yarn "workspaces", or a pnpm-workspace.yaml: the packages depend on each other's source. */
    public boolean hasWorkspaces() {
        return json.has("workspaces") || pnpmWorkspace;
    }

    /**
     * The folders its npm/yarn "workspaces" name (an array, or an object's "packages"), a trailing
     * {@code /*} expanded one level; in the order given.
     */
    public java.util.List<String> workspaceFolders(ProjectFiles files) {
        JsonNode list = json.path("workspaces");
        if (list.isObject()) {
            list = list.path("packages");
        }
        java.util.List<String> folders = new java.util.ArrayList<>();
        for (JsonNode entry : list) {
            String glob = entry.isString() ? JsConfig.clean(entry.stringValue()) : "";
            if (glob.endsWith("/*")) {
                String parent = glob.substring(0, glob.length() - 2);
                files.list(parent).stream()
                        .map(name -> parent + "/" + name)
                        .filter(files::isDirectory)
                        .forEach(folders::add);
            } else if (!glob.isEmpty() && !glob.contains("*") && files.isDirectory(glob)) {
                folders.add(glob);
            }
        }
        return folders;
    }

    /** Install-time scripts need the whole source before the dependency install. */
    boolean hasInstallScripts() {
        return hasScript("preinstall") || hasScript("install") || hasScript("postinstall") || hasScript("prepare");
    }
}
