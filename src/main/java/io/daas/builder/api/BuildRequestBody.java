package io.daas.builder.api;

import io.daas.builder.detect.ProjectConfig;
import io.daas.builder.push.PushRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** Body of {@code POST /api/docker/build}, as the original service defined it, plus the DAAS wallet. */
record BuildRequestBody(
        String bundleId, Options buildOptions, Registry registry, String callbackUrl, String walletAddress) {

    /**
     * {@code buildOptions}: how to build. {@code reproducible}: pin the base images by digest, pass
     * SOURCE_DATE_EPOCH and normalise the image so the same bundle gives the same image id
     * (docs/verifiable-builds.md); {@code sourceDateEpoch}: its time in seconds, else the bundle's
     * newest file time.
     * The fields from {@code language} on are those of the bundle's daas.json
     * (GET /api/docker/schema/daas.json) and win over it.
     */
    record Options(
            String platform,
            String dockerfile,
            Map<String, String> buildArgs,
            Map<String, String> labels,
            String target,
            Boolean noCache,

            @Schema(
                    description = "Pin base images by digest, pass SOURCE_DATE_EPOCH and normalise the image so"
                            + " the same bundle gives the same image id (docs/verifiable-builds.md)")
            Boolean reproducible,

            @Schema(
                    description = "SOURCE_DATE_EPOCH (seconds) of a reproducible build; default: the newest"
                            + " file time in the bundle")
            Long sourceDateEpoch,

            @Schema(
                    description = "Detector to use: node, bun, deno, python, go, rust, java, dotnet, ruby, php,"
                            + " static, shell, generic")
            String language,

            @Schema(description = "Language or toolchain version, e.g. 20, 3.12, 1.88")
            String version,

            @Schema(description = "Sub-folder of the bundle to build (a monorepo's app); it is the build context")
            String directory,

            @Schema(description = "Replaces the dependency install step")
            String installCommand,

            @Schema(description = "Replaces (or adds) the build step")
            String buildCommand,

            @Schema(description = "The container's command") String startCommand,

            @Schema(description = "Port the app listens on ($PORT)", minimum = "1", maximum = "65535")
            Integer port,

            @Schema(description = "Folder a front end's build writes its static files to, served by busybox httpd")
            String outputDir,

            @Schema(description = "Debian packages installed with apt-get in the stages that have it")
            List<String> osPackages,

            @Schema(description = "Environment of the build steps only (not kept in the image's config)")
            Map<String, String> buildEnv,

            @Schema(description = "Environment of the running container")
            Map<String, String> runEnv) {

        /** The detection overrides of these options. */
        ProjectConfig config() {
            return new ProjectConfig(
                    language,
                    version,
                    directory,
                    installCommand,
                    buildCommand,
                    startCommand,
                    port,
                    outputDir,
                    osPackages,
                    buildEnv,
                    runEnv);
        }
    }

    /** {@code registry}: where to push the image when it is built; repository and tag are optional. */
    record Registry(String url, String username, String password, String namespace, String repository, String tag) {

        PushRequest toPushRequest() {
            return new PushRequest(url, username, password, namespace, repository, tag);
        }

        @Override
        public String toString() {
            return "Registry[url=" + url + ", username=" + username + ", password=***, namespace=" + namespace
                    + ", repository=" + repository + ", tag=" + tag + "]";
        }
    }
}
