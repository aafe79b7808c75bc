package io.daas.builder.detect.node;

import io.daas.builder.detect.ProjectFiles;
import java.util.ArrayList;
import java.util.List;

/** A Node package manager with the commands and files generated Dockerfiles use. */
public enum NodeTool {
    NPM("npm", List.of("package-lock.json", "npm-shrinkwrap.json", ".npmrc")),
    YARN("yarn", List.of("yarn.lock", ".yarnrc", ".npmrc")),
    YARN_BERRY("yarn-berry", List.of("yarn.lock", ".yarnrc.yml", ".yarn", ".pnp.cjs", ".pnp.loader.mjs")),
    PNPM("pnpm", List.of("pnpm-lock.yaml", "pnpm-workspace.yaml", ".npmrc")),
    BUN("bun", List.of("bun.lockb", "bun.lock", "bunfig.toml", ".npmrc"));

    private final String label;
    private final List<String> files;

    NodeTool(String label, List<String> files) {
        this.label = label;
        this.files = files;
    }

    String label() {
        return label;
    }

    /** The package manager named by "packageManager", else by the lockfile; npm when neither. */
    static NodeTool detect(ProjectFiles files, NodePackage pkg) {
        String declared = pkg.packageManager();
        if (declared != null) {
            String name = declared.split("@")[0].strip();
            String version = declared.contains("@") ? declared.split("@")[1] : "";
            switch (name) {
                case "pnpm":
                    return PNPM;
                case "bun":
                    return BUN;
                case "npm":
                    return NPM;
                case "yarn":
                    return version.startsWith("1.") ? YARN : YARN_BERRY;
                default:
                    break;
            }
        }
        if (files.first("bun.lockb", "bun.lock").isPresent()) {
            return BUN;
        }
        if (files.isFile("pnpm-lock.yaml")) {
            return PNPM;
        }
        if (files.isFile("yarn.lock")) {
            boolean berry = files.isFile(".yarnrc.yml")
                    || files.read("yarn.lock")
                            .map(t -> t.contains("__metadata:"))
                            .orElse(false);
            return berry ? YARN_BERRY : YARN;
        }
        return NPM;
    }

    boolean hasLockfile(ProjectFiles files) {
        return files.first(
                        "package-lock.json",
                        "npm-shrinkwrap.json",
                        "yarn.lock",
                        "pnpm-lock.yaml",
                        "bun.lockb",
                        "bun.lock")
                .isPresent();
    }

    /** The manifest files present in the bundle that the install step needs, package.json first. */
    List<String> manifestFiles(ProjectFiles project) {
        List<String> present = new ArrayList<>(List.of("package.json"));
        for (String file : files) {
            if (project.exists(file)) {
                present.add(file);
            }
        }
        if (project.isDirectory("patches")) {
            present.add("patches");
        }
        return present;
    }

    String install(boolean locked, boolean production) {
        return switch (this) {
            case NPM -> (locked ? "npm ci" : "npm install") + (production ? " --omit=dev" : "");
            case YARN -> "yarn install" + (locked ? " --frozen-lockfile" : "") + (production ? " --production" : "");
            case YARN_BERRY -> "corepack enable && yarn install" + (locked ? " --immutable" : "");
            case PNPM ->
                "corepack enable && pnpm install" + (locked ? " --frozen-lockfile" : "")
                        + (production ? " --prod" : "");
            case BUN -> "bun install" + (locked ? " --frozen-lockfile" : "") + (production ? " --production" : "");
        };
    }

    /** Drops dev dependencies after a build, or null when the tool has no simple way to. */
    String prune() {
        return switch (this) {
            case NPM -> "npm prune --omit=dev";
            case PNPM -> "pnpm prune --prod";
            default -> null;
        };
    }

    public String run(String script) {
        return switch (this) {
            case NPM -> "npm run " + script;
            case YARN, YARN_BERRY -> "yarn " + script;
            case PNPM -> "pnpm run " + script;
            case BUN -> "bun run " + script;
        };
    }

    /** Runs a tool installed among the dependencies, such as {@code ng build}. */
    public String exec(String command) {
        return switch (this) {
            case NPM -> "npx --no-install " + command;
            case YARN, YARN_BERRY -> "yarn " + command;
            case PNPM -> "pnpm exec " + command;
            case BUN -> "bunx " + command;
        };
    }

    /**
     * Runs a package.json script in the runtime image: npm (always in the node image) for npm,
     * yarn classic and pnpm installs; the tool itself for yarn berry (Plug'n'Play) and bun.
     */
    String runtimeRun(String script) {
        return switch (this) {
            case YARN_BERRY -> "yarn " + script;
            case BUN -> "bun run " + script;
            default -> script.equals("start") ? "npm start" : "npm run " + script;
        };
    }
}
