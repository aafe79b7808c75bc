package io.daas.builder.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Api.Response;
import io.daas.builder.support.AppProbe;
import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * daas.json and buildOptions overrides through the service: the schema, plans that say where each
 * value came from, refusals, and a front end served by busybox httpd with the SPA fallback, built
 * on the real engine.
 */
@TestPropertySource(properties = {"builder.build-network=host", "builder.build-cpu-limit=0"})
class ProjectConfigIntegrationTests extends ServiceIntegrationTest {

    @DynamicPropertySource
    static void mirror(DynamicPropertyRegistry registry) {
        TestEngine.mirrorStandIns(registry);
    }

    @Test
    void theSchemaOfDaasJsonIsServedAndListsEveryOverride() {
        Response r = api.get("/api/docker/schema/daas.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("properties").propertyNames())
                .contains(
                        "language",
                        "version",
                        "directory",
                        "installCommand",
                        "buildCommand",
                        "startCommand",
                        "port",
                        "outputDir",
                        "osPackages",
                        "buildEnv",
                        "runEnv");
        assertThat(api.get("/v3/api-docs").body())
                .contains("/api/docker/schema/daas.json")
                .contains("runEnv");
    }

    @Test
    void aPlanSaysWhereEachValueCameFromAndTheRequestWinsOverTheFile() {
        String bundle = api.upload(Bundles.targz(Map.of(
                "package.json", "{\"name\":\"x\",\"scripts\":{\"start\":\"node index.js\"}}",
                "index.js", "require('http').createServer((q, s) => s.end('x')).listen(process.env.PORT)",
                "daas.json", "{\"port\": 4000, \"startCommand\": \"node index.js --from-file\"}")));
        Response r = api.postJson(
                "/api/docker/plan",
                "{\"bundleId\":\"" + bundle
                        + "\",\"buildOptions\":{\"startCommand\":\"node index.js --from-request\"}}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode plan = r.json().path("data");
        assertThat(plan.path("startCommand").asString()).isEqualTo("node index.js --from-request");
        assertThat(plan.path("port").asInt()).isEqualTo(4000);
        assertThat(plan.path("sources").path("startCommand").asString()).isEqualTo("buildOptions");
        assertThat(plan.path("sources").path("port").asString()).isEqualTo("daas.json");
        assertThat(plan.path("sources").path("language").asString()).isEqualTo("detected");
        assertThat(plan.path("dockerfile").asString()).contains("EXPOSE 4000");
    }

    @Test
    void badOverridesAreRefusedWithTheFieldNamed() {
        String bundle = api.upload(Bundles.targz(Map.of("index.html", "<h1>x</h1>", "daas.json", "{\"port\": \"x\"}")));
        Response plan = api.postJson("/api/docker/plan", "{\"bundleId\":\"" + bundle + "\"}");
        assertThat(plan.status()).isEqualTo(400);
        assertThat(plan.text("message")).contains("daas.json").contains("port");

        Response build = api.postJson(
                "/api/docker/build",
                "{\"bundleId\":\"" + bundle + "\",\"buildOptions\":{\"osPackages\":[\"curl; rm -rf /\"]}}");
        assertThat(build.status()).isEqualTo(400);
        assertThat(build.text("message")).contains("buildOptions.osPackages");
        Response secret = api.postJson(
                "/api/docker/build",
                "{\"bundleId\":\"" + bundle + "\",\"buildOptions\":{\"runEnv\":{\"DB_PASSWORD\":\"x\"}}}");
        assertThat(secret.status()).isEqualTo(400);
        assertThat(secret.text("message")).contains("DB_PASSWORD").contains("secret");
    }

    @Test
    void aFrontEndWithAnOutputDirIsServedByBusyboxWithIndexHtmlForEveryPath() throws Exception {
        String bundle = api.upload(Bundles.targz(Map.of(
                "package.json",
                "{\"name\":\"spa\",\"scripts\":{\"build\":\"node build.js\"}}",
                "build.js",
                "const fs = require('fs'); fs.mkdirSync('site', {recursive: true});"
                        + " fs.writeFileSync('site/index.html', '<h1>spa shell</h1>');"
                        + " fs.writeFileSync('site/app.js', 'console.log(1)');",
                "daas.json",
                "{\"outputDir\": \"site\"}")));
        String id = api.startBuild(bundle, null);
        try {
            JsonNode data = api.awaitEnd(id, Duration.ofMinutes(4));
            assertThat(data.path("status").asString())
                    .as(data.path("error").asString() + "\n" + data.path("logs"))
                    .isEqualTo("success");
            int port = AppProbe.freePort();
            String container = TestEngine.serve("daas-app:" + id, port);
            try {
                HttpResponse<String> root = AppProbe.await(port, "/");
                assertThat(root.statusCode()).isEqualTo(200);
                assertThat(root.body()).contains("spa shell");
                assertThat(AppProbe.get(port, "/app.js").body()).contains("console.log(1)");
                HttpResponse<String> deep = AppProbe.get(port, "/nonexistent/route");
                assertThat(deep.body()).as("the SPA fallback").contains("spa shell");
            } finally {
                TestEngine.removeContainer(container);
            }
        } finally {
            TestEngine.removeImage("daas-app:" + id);
        }
    }
}
