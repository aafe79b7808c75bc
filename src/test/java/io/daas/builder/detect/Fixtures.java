package io.daas.builder.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Loads the fixture projects under src/test/resources/fixtures and checks plans against a row. */
public final class Fixtures {

    private Fixtures() {}

    public static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("no fixture " + name, e);
        }
    }

    public static BuildPlan plan(String name) {
        return new ProjectDetector(DetectionSettings.defaults()).detect(path(name));
    }

    public static List<String> all() {
        try (Stream<Path> dirs = Files.list(path("e2e-node").getParent())) {
            return dirs.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks a plan against one table row; images are separated by spaces. */
    public static void check(
            BuildPlan plan,
            String language,
            String framework,
            String packageManager,
            String version,
            String versionSource,
            String start,
            Integer port,
            String images) {
        assertThat(plan.language()).as("language").isEqualTo(language);
        assertThat(plan.framework()).as("framework").isEqualTo(framework);
        assertThat(plan.packageManager()).as("package manager").isEqualTo(packageManager);
        if (version == null) {
            assertThat(plan.version()).as("version").isNull();
        } else {
            assertThat(plan.version().value()).as("version").isEqualTo(version);
            assertThat(plan.version().source()).as("version source").startsWith(versionSource);
        }
        assertThat(plan.startCommand()).as("start command").isEqualTo(start);
        assertThat(plan.port()).as("port").isEqualTo(port);
        assertThat(plan.baseImages()).as("base images").containsExactlyElementsOf(Arrays.asList(images.split(" ")));
    }
}
