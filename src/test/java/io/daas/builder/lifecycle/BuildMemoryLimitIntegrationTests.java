package io.daas.builder.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * BUILD_MEMORY_LIMIT on the real engine. Apart from BuildControlIntegrationTests and its 8 s build
 * timeout: a step killed with 137 ends the build only after the engine has answered pings for 3 s
 * (RunningImageBuild tells a memory kill from an engine that is stopping), so such a build takes
 * about 5 s here, too close to 8 s on a loaded machine.
 */
@TestPropertySource(properties = {"builder.build-memory-limit=64m", "builder.build-timeout=120"})
class BuildMemoryLimitIntegrationTests extends ServiceIntegrationTest {

    private static final Duration END = Duration.ofSeconds(90);
    private final List<String> builds = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        builds.forEach(id -> TestEngine.removeImage("daas-app:" + id));
    }

    private String start(String dockerfileBody) {
        String id = api.startBuild(
                api.upload(Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\n" + dockerfileBody)), null);
        builds.add(id);
        return id;
    }

    @Test
    void aStepThatAllocatesPastTheMemoryLimitFailsWithAMessageAboutMemory() {
        String id = start("RUN head -c 120000000 /dev/zero | tail > /dev/null\n");
        JsonNode data = api.awaitEnd(id, END);

        assertThat(data.path("status").asString()).isEqualTo("failed");
        assertThat(data.path("error").asString())
                .contains("137")
                .contains("memory")
                .contains("BUILD_MEMORY_LIMIT");
    }
}
