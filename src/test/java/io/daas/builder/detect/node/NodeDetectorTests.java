package io.daas.builder.detect.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.detect.BuildPlan;
import io.daas.builder.detect.Fixtures;
import io.daas.builder.detect.frontend.FrontEnd;
import io.daas.builder.detect.frontend.JsConfig;
import io.daas.builder.detect.statics.StaticServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link NodeDetector} over small inputs and fixture projects. */
class NodeDetectorTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "-", textBlock = """
            e2e-node;                   node; -;                npm;        22; default;                   node server.js;           3000; node:22-slim
            node-npm-express;           node; express;          npm;        22; package.json engines.node; node app.js;              3000; node:22-slim
            node-yarn-classic;          node; koa;              yarn;       20; .nvmrc;                    node index.js;            3000; node:20-slim
            node-yarn-berry;            node; fastify;          yarn-berry; 22; default;                   yarn start;               3000; node:22-slim
            node-pnpm-build;            node; hono;             pnpm;       18; .node-version;             node dist/index.js;       3000; node:18-slim
            node-package-manager-field; node; -;                pnpm;       20; package.json engines.node; npm start;                3000; node:20-slim
            node-bun;                   bun;  hono;             bun;        1;  default;                   bun index.ts;             3000; oven/bun:1
            node-next-standalone;       node; next;             npm;        22; default;                   node server.js;           3000; node:22-slim
            node-next;                  node; next;             npm;        20; package.json engines.node; npm start;                3000; node:20-slim
            node-vite;                  node; vite;             npm;        22; default;                   httpd -f -v -p $PORT -h /www; 8080; node:22-slim busybox:1.36
            node-cra;                   node; create-react-app; yarn;       22; default;                   httpd -f -v -p $PORT -h /www; 8080; node:22-slim busybox:1.36
            node-main-field;            node; -;                npm;        22; default;                   node lib/server.js;       3000; node:22-slim
            node-nest;                  node; nest;             npm;        22; default;                   npm run start:prod;       3000; node:22-slim
            node-procfile;              node; -;                npm;        22; default;                   node worker.js --port $PORT; 3000; node:22-slim
            node-postinstall;           node; -;                npm;        22; default;                   node index.js;            3000; node:22-slim
            node-angular;               node; angular;          npm;        22; default;                   httpd -f -v -p $PORT -h /www; 8080; node:22-slim busybox:1.36
            node-vite-outdir;           node; vite;             npm;        22; default;                   httpd -f -v -p $PORT -h /www; 8080; node:22-slim busybox:1.36
            node-next-export;           node; next;             npm;        22; default;                   httpd -f -v -p $PORT -h /www; 8080; node:22-slim busybox:1.36
            node-astro-static;          node; astro;            npm;        22; default;                   httpd -f -v -p $PORT -h /www; 8080; node:22-slim busybox:1.36
            node-gatsby;                node; gatsby;           yarn;       22; default;                   httpd -f -v -p $PORT -h /www; 8080; node:22-slim busybox:1.36
            node-next-export-commented; node; next;             yarn;       22; default;                   npm start;                3000; node:22-slim
            node-sveltekit-static;      node; sveltekit;        npm;        22; default;                   httpd -f -v -p $PORT -h /www; 8080; node:22-slim busybox:1.36
            node-nuxt-generate;         node; nuxt;             npm;        22; default;                   httpd -f -v -p $PORT -h /www; 8080; node:22-slim busybox:1.36
            node-vue-cli;               node; vue;              npm;        22; default;                   httpd -f -v -p $PORT -h /www; 8080; node:22-slim busybox:1.36
            node-sveltekit-node;        node; sveltekit;        npm;        22; default;                   node build;               3000; node:22-slim
            node-pnpm-workspace;        node; -;                pnpm;       22; default;                   npm start;                3000; node:22-slim
            node-nx;                    node; express;          npm;        22; default;                   node dist/apps/api/main.js; 3000; node:22-slim
            node-lock-out-of-sync;      node; express;          npm;        22; default;                   node index.js;            3000; node:22-slim
            """)
    void plansNodeProjects(
            String fixture,
            String language,
            String framework,
            String manager,
            String version,
            String source,
            String start,
            Integer port,
            String images) {
        Fixtures.check(Fixtures.plan(fixture), language, framework, manager, version, source, start, port, images);
    }

    @Test
    void installsDependenciesBeforeCopyingTheSource() {
        String dockerfile = Fixtures.plan("node-npm-express").dockerfile();
        assertThat(dockerfile)
                .contains("COPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\n")
                .contains("USER node")
                .contains("EXPOSE 3000")
                .contains("ENV PORT=3000")
                .contains("CMD [\"node\", \"app.js\"]")
                .contains("HEALTHCHECK")
                .contains("CMD node -e");
    }

    @Test
    void buildsInOneStageAndPrunesDevDependenciesForTheRuntime() {
        String dockerfile = Fixtures.plan("node-pnpm-build").dockerfile();
        assertThat(dockerfile)
                .startsWith("FROM node:18-slim AS build\n")
                .contains("RUN corepack enable && pnpm install --frozen-lockfile\nCOPY . .\nRUN pnpm run build\n"
                        + "RUN pnpm prune --prod\n")
                .contains("\nFROM node:18-slim\n")
                .contains("COPY --from=build /app /app");
    }

    @Test
    void nextStandaloneCopiesOnlyTheTracedServer() {
        String dockerfile = Fixtures.plan("node-next-standalone").dockerfile();
        assertThat(dockerfile)
                .contains("ENV NODE_ENV=production HOSTNAME=0.0.0.0")
                .contains("COPY --from=build /app/public ./public")
                .contains("COPY --from=build --chown=node:node /app/.next/standalone ./")
                .contains("COPY --from=build --chown=node:node /app/.next/static ./.next/static");
    }

    @Test
    void viteAndCreateReactAppAreServedAsStaticFilesByBusybox() {
        assertThat(Fixtures.plan("node-vite").dockerfile())
                .contains("RUN npm run build")
                .contains("FROM busybox:1.36\nCOPY --from=build /app/dist /www")
                .contains("USER nobody")
                .contains("wget -q -O /dev/null http://127.0.0.1:$PORT/");
        assertThat(Fixtures.plan("node-cra").dockerfile()).contains("COPY --from=build /app/build /www");
    }

    @Test
    void yarnBerryRunsInOneStageWithCorepackReadableByTheNodeUser() {
        String dockerfile = Fixtures.plan("node-yarn-berry").dockerfile();
        assertThat(dockerfile)
                .contains("ENV COREPACK_HOME=/opt/corepack")
                .contains("COPY package.json yarn.lock .yarnrc.yml ./")
                .contains("RUN corepack enable && yarn install --immutable")
                .contains("CMD [\"yarn\", \"start\"]")
                .doesNotContain("AS build");
    }

    @Test
    void bunRunsOnTheBunImageAsTheBunUser() {
        assertThat(Fixtures.plan("node-bun").dockerfile())
                .contains("RUN bun install --frozen-lockfile --production")
                .contains("USER bun")
                .contains("CMD [\"bun\", \"index.ts\"]");
    }

    @Test
    void installScriptsGetTheWholeSourceBeforeTheInstall() {
        BuildPlan plan = Fixtures.plan("node-postinstall");
        assertThat(plan.dockerfile()).contains("COPY . .\nRUN npm ci --omit=dev\n");
        assertThat(plan.notes()).anyMatch(n -> n.contains("install scripts"));
    }

    @Test
    void aMissingLockfileIsNotedOnlyWhenThereAreDependencies() {
        assertThat(Fixtures.plan("node-package-manager-field").notes()).anyMatch(n -> n.startsWith("No lockfile"));
        assertThat(Fixtures.plan("e2e-node").notes()).isEmpty();
    }

    @Test
    void procfileWebLineRunsThroughAShellWhenItUsesPort() {
        assertThat(Fixtures.plan("node-procfile").dockerfile())
                .contains("CMD [\"sh\", \"-c\", \"exec node worker.js --port $PORT\"]");
    }

    @Test
    void aPackageWithNothingToStartGetsNoDockerfileButSaysWhy() {
        BuildPlan plan = Fixtures.plan("node-no-start");
        assertThat(plan.language()).isEqualTo("node");
        assertThat(plan.dockerfile()).isNull();
        assertThat(plan.notes()).anyMatch(n -> n.contains("no start script") && n.contains("Dockerfile"));
    }

    @ParameterizedTest(name = "{0} serves {1} with {2} for unknown paths")
    @CsvSource(delimiter = ';', textBlock = """
            node-angular;          dist/ng-app/browser; index.html
            node-vite-outdir;      theoutput;           index.html
            node-vite;             dist;                index.html
            node-cra;              build;               index.html
            node-cra-moved-build;  _static;             index.html
            node-vue-cli;          dist;                index.html
            node-sveltekit-static; public-out;          index.html
            node-nuxt-generate;    .output/public;      200.html
            node-next-export;      out;                 404.html
            node-astro-static;     dist;                404.html
            node-gatsby;           public;              404.html
            node-vite-workspaces;  apps/host/out;       index.html
            """)
    void frontEndsAreBuiltAndTheirOutputServedByBusyboxWithTheirFallbackPage(
            String fixture, String outDir, String fallback) {
        BuildPlan plan = Fixtures.plan(fixture);
        String dockerfile = plan.dockerfile();
        assertThat(dockerfile)
                .contains("\nFROM busybox:1.36\nCOPY --from=build /app/" + outDir + " /www\n")
                .contains("for f in " + fallback)
                .contains("echo \"E404:/www/$f\" > /etc/httpd.conf")
                .endsWith("CMD [\"sh\", \"-c\", \"exec httpd -f -v -p $PORT -h /www\"]\n");
        assertThat(plan.port()).isEqualTo(8080);
        assertThat(plan.notes()).anyMatch(n -> n.contains(outDir + "/ is served by busybox httpd"));
    }

    @Test
    void exportedPagesGetCleanUrlsButSinglePageAppsNeedNone() {
        assertThat(Fixtures.plan("node-next-export").dockerfile()).contains(StaticServer.CLEAN_URLS);
        assertThat(Fixtures.plan("node-vite").dockerfile()).doesNotContain(StaticServer.CLEAN_URLS);
    }

    @Test
    void angularIsBuiltWithItsBuildScriptAndNeverServedByNgServe() {
        BuildPlan plan = Fixtures.plan("node-angular");
        assertThat(plan.buildCommand()).isEqualTo("npm run build");
        assertThat(plan.dockerfile()).doesNotContain("ng serve");
    }

    @Test
    void nextWithOutputExportIsNeverStartedWithNextStart() {
        BuildPlan plan = Fixtures.plan("node-next-export");
        assertThat(plan.startCommand()).doesNotContain("next");
        assertThat(plan.dockerfile()).doesNotContain("next start").contains("RUN npm run build");
    }

    @Test
    void aCommentedOutNextExportIsNoExport() {
        BuildPlan plan = Fixtures.plan("node-next-export-commented");
        assertThat(plan.dockerfile()).doesNotContain("busybox").contains("RUN yarn build");
        assertThat(JsConfig.uncommented("a: \"https://x\", // b\n  /* c */\nd: 1"))
                .contains("a: \"https://x\",")
                .contains("d: 1")
                .doesNotContain("b")
                .doesNotContain("c");
    }

    @Test
    void pnpmWithoutPackageManagerIsPinnedToTheMajorThatWroteTheLockfile() {
        assertThat(Fixtures.plan("node-pnpm-lockfile-v6").dockerfile())
                .contains(
                        "RUN corepack enable && corepack prepare pnpm@8 --activate && pnpm install --frozen-lockfile");
        assertThat(Fixtures.plan("node-pnpm-build").dockerfile())
                .contains("RUN corepack enable && pnpm install --frozen-lockfile")
                .doesNotContain("corepack prepare");
    }

    @Test
    void createReactAppOutputFollowsBuildPathAndAMoveOfBuild() {
        assertThat(FrontEnd.craOutput("react-scripts build")).isEqualTo("build");
        assertThat(FrontEnd.craOutput("BUILD_PATH='./www' react-scripts build")).isEqualTo("www");
        assertThat(FrontEnd.craOutput("react-scripts build && mv build _static"))
                .isEqualTo("_static");
    }

    @Test
    void gatsbyIsBuiltAndServedStaticallyNeverByItsDevelopServer() {
        BuildPlan plan = Fixtures.plan("node-gatsby");
        assertThat(plan.dockerfile()).contains("RUN yarn build").doesNotContain("develop");
    }

    @Test
    void svelteKitWithTheNodeAdapterStartsItsBuildOutput() {
        assertThat(Fixtures.plan("node-sveltekit-node").dockerfile())
                .contains("RUN npm run build\nRUN npm prune --omit=dev\n")
                .endsWith("CMD [\"node\", \"build\"]\n");
    }

    @Test
    void aPnpmWorkspaceInstallsWithAllItsPackagesAndKeepsThemInTheImage() {
        BuildPlan plan = Fixtures.plan("node-pnpm-workspace");
        assertThat(plan.dockerfile())
                .contains("COPY . .\nRUN corepack enable && pnpm install --frozen-lockfile\n")
                .doesNotContain("pnpm prune")
                .contains("COPY --from=build /app /app")
                .contains("COPY --from=build /opt/corepack /opt/corepack\nRUN corepack enable\n");
    }

    @Test
    void anNxWorkspaceBuildsItsServerApplicationWithNx() {
        BuildPlan plan = Fixtures.plan("node-nx");
        assertThat(plan.buildCommand()).isEqualTo("npx --no-install nx build api");
        assertThat(plan.dockerfile())
                .contains("RUN npx --no-install nx build api")
                .doesNotContain("nx serve");
        assertThat(plan.notes()).anyMatch(n -> n.contains("apps/web"));
    }

    @Test
    void aLockfileOutOfSyncFallsBackFromNpmCiToNpmInstallAndSaysSo() {
        BuildPlan plan = Fixtures.plan("node-lock-out-of-sync");
        assertThat(plan.installCommand()).isEqualTo("npm install --omit=dev");
        assertThat(plan.dockerfile()).contains("RUN npm install --omit=dev").doesNotContain("npm ci");
        assertThat(plan.notes()).anyMatch(n -> n.contains("out of sync") && n.contains("cors is not in the lockfile"));
        assertThat(Fixtures.plan("node-npm-express").installCommand()).isEqualTo("npm ci --omit=dev");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', textBlock = """
            ng serve;                    true
            vite;                        true
            vite --port 3000;            true
            vite dev;                    true
            next dev;                    true
            nuxt dev;                    true
            react-scripts start;         true
            npx vite;                    true
            vite build;                  false
            next start;                  false
            node build;                  false
            node server.js;              false
            """)
    void devServersAreRecognised(String command, boolean dev) {
        assertThat(DevServers.isDev(command)).isEqualTo(dev);
    }
}
