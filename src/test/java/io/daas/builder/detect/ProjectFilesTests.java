package io.daas.builder.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ProjectFiles}: reads never leave the bundle. */
class ProjectFilesTests {

    @TempDir
    Path temp;

    @Test
    void pathsFromManifestsCannotClimbOutOfTheBundle() throws IOException {
        Path bundle = Files.createDirectory(temp.resolve("bundle"));
        Files.writeString(temp.resolve("secret.txt"), "secret");
        Files.writeString(bundle.resolve("a.txt"), "a");
        ProjectFiles files = new ProjectFiles(bundle);
        assertThat(files.read("a.txt")).contains("a");
        assertThat(files.read("../secret.txt")).isEmpty();
        assertThat(files.isFile("../secret.txt")).isFalse();
        assertThat(files.list("..")).isEmpty();
    }

    @Test
    void symlinksOutOfTheBundleAreNotRead() throws IOException {
        Path bundle = Files.createDirectory(temp.resolve("bundle"));
        Path outside = Files.createDirectory(temp.resolve("outside"));
        Files.writeString(outside.resolve("Cargo.toml"), "secret");
        Files.createSymbolicLink(bundle.resolve("link"), outside);
        Files.createSymbolicLink(bundle.resolve("file.txt"), outside.resolve("Cargo.toml"));
        ProjectFiles files = new ProjectFiles(bundle);
        assertThat(files.read("link/Cargo.toml")).isEmpty();
        assertThat(files.read("file.txt")).isEmpty();
    }
}
