package io.daas.builder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daas.builder.support.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A bad setting stops the packaged service with one line naming it, its problem and the fix. */
class StartupSettingsIntegrationTests {

    @Test
    void aTokenShorterThanSixteenCharactersStopsTheServiceWithOneLineAndNoStackTrace() throws Exception {
        Path work = Files.createTempDirectory("daas-settings-");
        Path tokens = Files.writeString(work.resolve("tokens"), "short alice\n");

        List<String> lines = failedStart(work, Map.of("API_TOKENS_FILE", tokens.toString()));

        assertThat(lines)
                .filteredOn(l -> l.contains("API_TOKENS_FILE: " + tokens + " line 1: a token must be 16"))
                .hasSize(1)
                .allSatisfy(l -> assertThat(l).contains("Fix:").contains("unset API_TOKENS_FILE"));
        assertThat(lines).noneMatch(l -> l.startsWith("\tat ") || l.contains("short alice"));
        assertThat(lines.size()).isLessThan(40);
    }

    @Test
    void aMemoryLimitThatIsNoSizeStopsTheServiceNamingTheSettingAndTheFix() throws Exception {
        Path work = Files.createTempDirectory("daas-settings-");

        List<String> lines = failedStart(work, Map.of("BUILD_MEMORY_LIMIT", "two gigs"));

        assertThat(lines)
                .filteredOn(l -> l.contains("BUILD_MEMORY_LIMIT: 'two gigs' is not a size"))
                .hasSize(1)
                .allSatisfy(l -> assertThat(l).contains("Fix:").contains("like 512m or 2g"));
        assertThat(lines).noneMatch(l -> l.startsWith("\tat "));
    }

    @Test
    void anUnknownBundleStoreStopsTheServiceNamingTheSettingAndTheChoices() throws Exception {
        Path work = Files.createTempDirectory("daas-settings-");

        List<String> lines = failedStart(work, Map.of("BUNDLE_STORE", "nfs"));

        assertThat(lines)
                .filteredOn(l -> l.contains("BUNDLE_STORE: 'nfs' is not a bundle store"))
                .hasSize(1)
                .allSatisfy(
                        l -> assertThat(l).contains("Fix:").contains("local").contains("database"));
        assertThat(lines).noneMatch(l -> l.startsWith("\tat "));
    }

    @Test
    void withDebugTheStackTraceIsThereToo() throws Exception {
        Path work = Files.createTempDirectory("daas-settings-");

        List<String> lines = failedStart(work, Map.of("BUILD_MEMORY_LIMIT", "1k", "DEBUG", "true"));

        assertThat(lines).anyMatch(l -> l.contains("BUILD_MEMORY_LIMIT: '1k' is below the engine's minimum of 6m"));
        assertThat(lines).anyMatch(l -> l.startsWith("\tat "));
    }

    private static List<String> failedStart(Path work, Map<String, String> env) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        assertThatThrownBy(() -> ServiceProcess.start(work, all))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("service exited");
        try (var logs = Files.list(work)) {
            Path log = logs.filter(p -> p.getFileName().toString().startsWith("service-"))
                    .findFirst()
                    .orElseThrow();
            return Files.readAllLines(log);
        }
    }
}
