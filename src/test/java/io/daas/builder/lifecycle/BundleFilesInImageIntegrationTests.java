package io.daas.builder.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Archives;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.TestEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a bundle holds reaches the image as it was: permission bits (never setuid, setgid or
 * sticky), symlinks, hard links, and names with a backslash; checked by running the image.
 */
class BundleFilesInImageIntegrationTests extends ServiceIntegrationTest {

    private static final Duration BUILD_TIME = Duration.ofSeconds(120);
    private static final String DOCKERFILE = "FROM " + TestEngine.BUSYBOX + "\nCOPY . /app\nWORKDIR /app\n";

    private final List<String> images = new ArrayList<>();

    @AfterEach
    void removeImages() {
        images.forEach(TestEngine::removeImage);
    }

    @Test
    void executableBitsSymlinksAndHardLinksOfTheBundleAreInTheImage() throws Exception {
        byte[] bundle = Archives.of()
                .file("Dockerfile", DOCKERFILE + "RUN ./start.sh > /ran\nCMD [\"./start.sh\"]\n")
                .file("start.sh", "#!/bin/sh\necho started from start.sh\n", 0755)
                .file("bin/tool", "#!/bin/sh\necho tool\n", 0750)
                .file("private.txt", "mine", 0600)
                .file("setuid.sh", "#!/bin/sh\n", 06755)
                .file("sticky.txt", "x", 01644)
                .file("x.txt", "the target\n")
                .symlink("alias", "x.txt")
                .symlink("tools", "bin")
                .hardlink("copy.txt", "x.txt")
                .dir("shared/")
                .targz();

        String image = build(bundle);

        String stat = TestEngine.run(
                image,
                "sh",
                "-c",
                "stat -c '%n %a' start.sh bin/tool private.txt setuid.sh sticky.txt x.txt;"
                        + " readlink alias; readlink tools; cat alias copy.txt tools/tool; cat /ran");
        assertThat(stat)
                .contains("start.sh 755")
                .contains("bin/tool 750")
                .contains("private.txt 600")
                .contains("setuid.sh 755")
                .contains("sticky.txt 644")
                .contains("x.txt 644")
                .contains("x.txt\nbin\n")
                .contains("the target\nthe target\n#!/bin/sh\necho tool\n")
                .contains("started from start.sh");
        assertThat(TestEngine.run(image)).contains("started from start.sh");
    }

    @Test
    void aFileNamedWithABackslashKeepsItsNameAndTheReportedDockerfileIsTheOneBuilt() throws Exception {
        byte[] bundle = Archives.of()
                .file("Dockerfile", DOCKERFILE + "RUN echo built-the-bundles-dockerfile > /which\n")
                .file("..\\Dockerfile", "FROM " + TestEngine.BUSYBOX + "\nRUN echo built-the-other-one > /which\n")
                .file("dir\\name.txt", "backslash\n")
                .targz();

        String image = build(bundle);
        String id = image.substring(image.indexOf(':') + 1);

        assertThat(TestEngine.run(image, "cat", "/which")).contains("built-the-bundles-dockerfile");
        assertThat(TestEngine.run(image, "cat", "/app/..\\Dockerfile")).contains("built-the-other-one");
        assertThat(TestEngine.run(image, "cat", "/app/dir\\name.txt")).contains("backslash");
        JsonNode used =
                api.get("/api/docker/build/" + id + "/dockerfile").json().path("data");
        assertThat(used.path("dockerfile").asString()).contains("built-the-bundles-dockerfile");
    }

    private String build(byte[] bundle) {
        String id = api.startBuild(api.upload(bundle), null);
        images.add("daas-app:" + id);
        JsonNode data = api.awaitEnd(id, BUILD_TIME);
        assertThat(data.path("status").asString())
                .as(data.path("error").asString() + "\n" + data.path("logs"))
                .isEqualTo("success");
        return "daas-app:" + id;
    }
}
