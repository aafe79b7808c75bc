package io.daas.builder.detect;

import tools.jackson.databind.JsonNode;

/** The facts detection needs from a package.json. */
record NodePackage(JsonNode json) {

    static NodePackage read(ProjectFiles files) {
        return new NodePackage(Manifests.json(files.read("package.json")));
    }

    String script(String name) {
        return Manifests.text(json, "scripts", name);
    }

    boolean hasScript(String name) {
        String script = script(name);
        return script != null && !script.isBlank();
    }

    boolean depends(String name) {
        return json.path("dependencies").has(name)
                || json.path("devDependencies").has(name);
    }

    boolean dependsOnPrefix(String prefix) {
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

    boolean hasWorkspaces() {
        return json.has("workspaces");
    }

    /** Install-time scripts need the whole source before the dependency install. */
    boolean hasInstallScripts() {
        return hasScript("preinstall") || hasScript("install") || hasScript("postinstall") || hasScript("prepare");
    }
}
