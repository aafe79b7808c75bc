package io.daas.builder.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Api;
import io.daas.builder.support.Api.Response;
import io.daas.builder.support.ServiceIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code GET /} answers as the original did, and springdoc's UI is there, with tokens on. */
class ServiceInfoIntegrationTests extends ServiceIntegrationTest {

    private static final String TOKEN = "info-token-0123456789abcdef";

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry registry) {
        registry.add("builder.security.tokens-file", () -> {
            try {
                Path file = Files.createTempFile("daas-tokens-", ".txt");
                return Files.writeString(file, TOKEN + " tenant-info\n").toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void theRootAnswersTheServiceNameVersionStatusAndEndpointsWithoutAToken() {
        Response r = api.get("/");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("success").asBoolean()).isTrue();
        assertThat(r.text("service")).isEqualTo("DAAS Docker Builder");
        assertThat(r.text("version")).isNotBlank().isNotEqualTo("unknown");
        assertThat(r.text("status")).isEqualTo("running");
        assertThat(r.text("documentation")).isEqualTo("/swagger-ui.html");
        assertThat(r.json().path("endpoints").toString())
                .contains("POST /api/docker/build\"")
                .contains("GET /api/docker/build/{id}\"")
                .contains("DELETE /api/docker/build/{id}\"")
                .contains("POST /api/docker/push\"")
                .contains("GET /api/docker/builds\"")
                .contains("GET /api/docker/health\"")
                .contains("POST /api/docker/bundles\"")
                .doesNotContain("\"GET /\"");
    }

    @Test
    void theSwaggerUiIsBrowsableAndTheDescriptionStillNeedsAToken() {
        Response page = api.get("/swagger-ui/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        assertThat(page.raw().headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        csp -> assertThat(csp).contains("script-src 'self'").contains("connect-src 'self'"));
        Response initializer = api.get("/swagger-ui/swagger-initializer.js");
        assertThat(initializer.status()).isEqualTo(200);
        assertThat(initializer.body()).contains("/v3/api-docs/swagger-config");
        assertThat(api.get("/api/docker/health").raw().headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; frame-ancestors 'none'");
        assertThat(api.get("/swagger-ui.html").status()).isIn(200, 302);
        assertThat(api.get("/v3/api-docs/swagger-config").body()).contains("/v3/api-docs");

        assertThat(api.get("/v3/api-docs").status()).isEqualTo(401);
        Api withToken = api.withToken(TOKEN);
        Response docs = withToken.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/docker/build")).isTrue();
        assertThat(docs.json().path("paths").has("/"))
                .as("GET / is not part of the API")
                .isFalse();
        assertThat(api.get("/api/docker/builds").status()).isEqualTo(401);
    }
}
