package io.daas.builder.engine.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextTarTests {

    @TempDir
    Path root;

    @Test
    void filesKeepTheirPermissionBitsAndLinksStayLinks() throws IOException {
        Files.writeString(root.resolve("Dockerfile"), "FROM scratch\n");
        Path start = Files.writeString(root.resolve("start.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(start, PosixFilePermissions.fromString("rwxr-x---"));
        Files.createDirectory(root.resolve("bin"));
        Files.writeString(root.resolve("x.txt"), "target");
        Files.createSymbolicLink(root.resolve("alias"), Path.of("x.txt"));
        Files.createSymbolicLink(root.resolve("tools"), Path.of("bin"));
        Files.createLink(root.resolve("y.txt"), root.resolve("x.txt"));

        Map<String, TarArchiveEntry> entries = entries("Dockerfile");

        assertThat(entries.get("start.sh").getMode() & 07777).isEqualTo(0750);
        assertThat(entries.get("Dockerfile").getMode() & 07777).isEqualTo(modeOf(root.resolve("Dockerfile")));
        assertThat(entries.get("bin/").isDirectory()).isTrue();
        assertThat(entries.get("alias").isSymbolicLink()).isTrue();
        assertThat(entries.get("alias").getLinkName()).isEqualTo("x.txt");
        assertThat(entries.get("tools").isSymbolicLink()).isTrue();
        assertThat(entries.get("tools").getLinkName()).isEqualTo("bin");
        TarArchiveEntry first = entries.get("x.txt").isFile() ? entries.get("x.txt") : entries.get("y.txt");
        TarArchiveEntry second = first == entries.get("x.txt") ? entries.get("y.txt") : entries.get("x.txt");
        assertThat(first.getSize()).isEqualTo(6);
        assertThat(second.isLink()).isTrue();
        assertThat(second.getLinkName()).isEqualTo(first.getName());
        assertThat(entries.values())
                .allSatisfy(e -> assertThat(e.getLongUserId()).isZero());
    }

    @Test
    void exceptionsInDockerignorePutPathsBackAsDockerDoes() throws IOException {
        Files.writeString(root.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(
                root.resolve(".dockerignore"), "# only the sources\n*\n!pom.xml\n!/src/main/\nsrc/main/**/*.tmp\n");
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.writeString(root.resolve("README.md"), "readme");
        Files.createDirectories(root.resolve("src/main/java/build"));
        Files.writeString(root.resolve("src/main/java/build/A.java"), "class A {}");
        Files.writeString(root.resolve("src/main/java/x.tmp"), "tmp");
        Files.createDirectories(root.resolve("src/test"));
        Files.writeString(root.resolve("src/test/T.java"), "class T {}");

        Map<String, TarArchiveEntry> entries = entries("Dockerfile");

        assertThat(entries)
                .containsKeys("Dockerfile", ".dockerignore", "pom.xml", "src/main/java/build/A.java")
                .doesNotContainKeys("README.md", "src/test/T.java", "src/test/", "src/main/java/x.tmp");
    }

    @Test
    void aBackslashStaysPartOfTheNameAndIsNeverTurnedIntoAFolder() throws IOException {
        Files.writeString(root.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(root.resolve("..\\Dockerfile"), "FROM other\n");
        Files.writeString(root.resolve("a\\b.txt"), "b");

        Map<String, TarArchiveEntry> entries = entries("Dockerfile");

        assertThat(entries).containsKeys("..\\Dockerfile", "a\\b.txt").doesNotContainKeys("../Dockerfile", "a/b.txt");
    }

    @Test
    void ignoredFilesAndTheirHardLinksAreLeftOutWithoutBreakingTheOtherName() throws IOException {
        Files.writeString(root.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(root.resolve(".dockerignore"), "/a.txt\n");
        Files.writeString(root.resolve("a.txt"), "data");
        Files.createLink(root.resolve("b.txt"), root.resolve("a.txt"));

        Map<String, TarArchiveEntry> entries = entries("Dockerfile");

        assertThat(entries).doesNotContainKey("a.txt");
        assertThat(entries.get("b.txt").isFile()).isTrue();
        assertThat(entries.get("b.txt").getSize()).isEqualTo(4);
    }

    @Test
    void theGeneratedJavaIgnoreFileDropsBuildOutputButNoSourceInPackagesNamedBuildOrTarget() throws IOException {
        write(
                "pom.xml",
                "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId>"
                        + "<artifactId>app</artifactId><version>1</version></project>");
        write("src/main/java/io/daas/builder/build/BuildService.java", "class BuildService {}");
        write("src/main/java/x/target/Target.java", "class Target {}");
        write("target/classes/App.class", "compiled");
        write("build/libs/app.jar", "jar");
        write("module/target/keep-me.txt", "a module's output goes along; the build makes it again");
        var plan = new io.daas.builder.detect.ProjectDetector(io.daas.builder.detect.DetectionSettings.defaults())
                .detect(root);
        write("Dockerfile", plan.dockerfile());
        write(".dockerignore", plan.dockerignore());

        Map<String, TarArchiveEntry> entries = entries("Dockerfile");

        assertThat(entries)
                .containsKeys(
                        "src/main/java/io/daas/builder/build/BuildService.java",
                        "src/main/java/x/target/Target.java",
                        "module/target/keep-me.txt")
                .doesNotContainKeys("target/", "target/classes/App.class", "build/", "build/libs/app.jar");
    }

    private void write(String name, String content) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private Map<String, TarArchiveEntry> entries(String dockerfile) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ContextTar(root, dockerfile, 0).writeTo(out);
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                entries.put(e.getName(), e);
            }
        }
        return entries;
    }

    private static int modeOf(Path path) throws IOException {
        int bits = 0;
        for (var p : Files.getPosixFilePermissions(path)) {
            bits |= 0400 >> p.ordinal();
        }
        return bits;
    }
}
