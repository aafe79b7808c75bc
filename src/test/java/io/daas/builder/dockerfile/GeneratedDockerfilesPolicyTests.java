package io.daas.builder.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.detect.BuildPlan;
import io.daas.builder.detect.DetectionSettings;
import io.daas.builder.detect.ProjectDetector;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every Dockerfile generated for the detect fixtures passes the fetch policy, with or without a mirror. */
class GeneratedDockerfilesPolicyTests {

    private static final FetchRules.HostCheck NO_NETWORK = (host, forAdd) -> Optional.empty();
    private static final FetchContext TENANT =
            new FetchContext("tenant-a", Map.of(), path -> false, id -> Optional.empty(), ref -> Optional.empty());

    @Test
    void everyGeneratedDockerfilePassesThePolicy() throws Exception {
        List<DetectionSettings> settings = List.of(
                DetectionSettings.defaults(),
                new DetectionSettings("127.0.0.1:5000/mirror", Map.of()),
                new DetectionSettings(null, Map.of("node", "127.0.0.1:5000/base/node:22", "go-runtime", "scratch")));
        int checked = 0;
        for (DetectionSettings s : settings) {
            List<String> trusted = new java.util.ArrayList<>();
            if (s.baseImageMirror() != null) {
                trusted.add(s.baseImageMirror());
            }
            trusted.addAll(s.baseImageOverrides().values());
            FetchPolicy policy = new FetchPolicy(new FetchRules(
                    Set.copyOf(FetchRules.PUBLIC_REGISTRIES), false, trusted, "127.0.0.1:5000", NO_NETWORK));
            for (Path fixture : fixtures()) {
                BuildPlan plan = new ProjectDetector(s).detect(fixture);
                if (!plan.recognised()) {
                    continue;
                }
                assertThat(policy.check(DockerfileParser.parse(plan.dockerfile()), TENANT))
                        .as(fixture.getFileName() + " with " + s + ":\n" + plan.dockerfile())
                        .isEmpty();
                checked++;
            }
        }
        assertThat(checked).as("generated Dockerfiles checked").isGreaterThan(100);
    }

    private static List<Path> fixtures() throws IOException, URISyntaxException {
        Path root = Path.of(
                GeneratedDockerfilesPolicyTests.class.getResource("/fixtures").toURI());
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }
}
