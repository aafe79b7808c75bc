package io.daas.builder.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daas.builder.DaasBuilderApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

class ReservedTenantStartupTests {

    @Test
    void aTokensFileNamingTheTenantLocalStopsTheServiceAtStartWithTheReason(@TempDir Path dir) throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens.txt"), "someone-token-0123456789 local\n");

        assertThatThrownBy(() -> new SpringApplicationBuilder(DaasBuilderApplication.class)
                        .run(
                                "--server.port=0",
                                "--builder.security.tokens-file=" + tokens,
                                "--builder.data-dir=" + dir.resolve("data"),
                                "--builder.build-dir=" + dir.resolve("builds"),
                                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("data/db/x")))
                .rootCause()
                .hasMessageContaining(tokens + " line 1")
                .hasMessageContaining("'local' is reserved");
    }
}
