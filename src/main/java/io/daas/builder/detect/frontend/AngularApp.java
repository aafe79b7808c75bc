package io.daas.builder.detect.frontend;

import io.daas.builder.detect.Manifests;
import io.daas.builder.detect.ProjectFiles;
import io.daas.builder.detect.node.DevServers;
import io.daas.builder.detect.node.NodePackage;
import io.daas.builder.detect.node.NodeTool;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** An Angular app's browser output from angular.json; apps with server-side rendering are servers. */
public final class AngularApp {

    private AngularApp() {}

    /** Angular's browser output: outputPath (plus browser/ for the application builder); SSR is a server. */
    static Optional<FrontEnd> frontEnd(ProjectFiles files, NodePackage pkg, NodeTool tool) {
        Project app = Project.read(files);
        if (app == null || app.ssr() || pkg.depends("@angular/ssr") || pkg.depends("@nguniversal/express-engine")) {
            return Optional.empty();
        }
        String build = pkg.hasScript("build") && !DevServers.isDev(pkg.script("build"))
                ? tool.run("build")
                : tool.exec("ng build");
        return Optional.of(new FrontEnd("angular", app.browserOutput(), FrontEnd.SPA, build));
    }

    /** The project of angular.json that is built: defaultProject, else the first application. */
    public record Project(String name, String outputPath, boolean applicationBuilder, boolean ssr) {

        public static Project read(ProjectFiles files) {
            JsonNode json = Manifests.json(files.read("angular.json"));
            JsonNode projects = json.path("projects");
            String name = Manifests.text(json, "defaultProject");
            if (name == null || !projects.has(name)) {
                name = null;
                for (String candidate : projects.propertyNames()) {
                    if (!"library".equals(Manifests.text(projects.path(candidate), "projectType"))) {
                        name = candidate;
                        break;
                    }
                }
            }
            if (name == null) {
                return null;
            }
            JsonNode build = projects.path(name).path("architect").path("build");
            if (build.isMissingNode()) {
                build = projects.path(name).path("targets").path("build");
            }
            String builder = Manifests.text(build, "builder");
            JsonNode options = build.path("options");
            JsonNode output = options.path("outputPath");
            String outputPath = output.isString() ? output.stringValue() : Manifests.text(output, "base");
            String browser = output.isObject() ? Manifests.text(output, "browser") : null;
            boolean application = builder != null && builder.endsWith(":application");
            if (outputPath == null) {
                outputPath = "dist/" + name;
            }
            if (application) {
                outputPath = JsConfig.join(outputPath, browser == null ? "browser" : browser);
            }
            boolean ssr = options.has("server")
                    || options.path("ssr").isObject()
                    || options.path("ssr").asBoolean(false);
            return new Project(name, JsConfig.clean(outputPath), application, ssr);
        }

        String browserOutput() {
            return outputPath;
        }
    }
}
