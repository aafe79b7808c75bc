package io.daas.builder.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daas.builder.config.UnpackLimits;
import io.daas.builder.support.Archives;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleExtractorTests {

    private final BundleExtractor extractor = new BundleExtractor(new UnpackLimits(2L << 30, 100_000, 100));

    @TempDir
    Path tmp;

    @Test
    void tarGzTarAndZipAreToldApartByTheirBytesAndUnpackAlike() throws IOException {
        Archives project = Archives.of()
                .file("Dockerfile", "FROM scratch\n")
                .file("bin/run.sh", "#!/bin/sh\n", 0755)
                .symlink("bin/start", "run.sh")
                .file("src/app.txt", "hello");
        for (byte[] archive : List.of(project.targz(), project.tar(), project.zip())) {
            Path target = unpack(archive);

            assertThat(target.resolve("Dockerfile")).hasContent("FROM scratch");
            assertThat(target.resolve("src/app.txt")).hasContent("hello");
            assertThat(Files.isExecutable(target.resolve("bin/run.sh"))).isTrue();
            assertThat(Files.readSymbolicLink(target.resolve("bin/start"))).isEqualTo(Path.of("run.sh"));
        }
    }

    @Test
    void aSingleTopFolderIsUnwrapped() throws IOException {
        byte[] github = Archives.of()
                .dir("owner-repo-abc123/")
                .file("owner-repo-abc123/Dockerfile", "FROM scratch\n")
                .file("owner-repo-abc123/owner-repo-abc123/nested.txt", "same name inside")
                .symlink("owner-repo-abc123/link", "Dockerfile")
                .zip();
        Path target = unpack(github);

        assertThat(list(target)).containsExactlyInAnyOrder("Dockerfile", "owner-repo-abc123", "link");
        assertThat(target.resolve("owner-repo-abc123/nested.txt")).hasContent("same name inside");
        assertThat(target.resolve("link")).hasContent("FROM scratch");
    }

    @Test
    void twoTopEntriesOrASingleFileStayAsTheyAre() throws IOException {
        assertThat(list(unpack(Archives.of().file("a/x", "1").file("b/y", "2").targz())))
                .containsExactlyInAnyOrder("a", "b");
        assertThat(list(unpack(Archives.of().file("Dockerfile", "FROM scratch").targz())))
                .containsExactly("Dockerfile");
    }

    @Test
    void aLinkOutOfTheTopFolderIsRefusedWhenItIsUnwrapped() {
        byte[] archive = Archives.of()
                .file("app/Dockerfile", "x")
                .symlink("app/up", "../app")
                .targz();
        assertThatThrownBy(() -> extractor.validate(write(archive)))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("'app/up'");
    }

    @Test
    void hardLinksInsideTheBundleWork() throws IOException {
        Path target = unpack(
                Archives.of().file("a.txt", "data").hardlink("b.txt", "a.txt").tar());
        assertThat(target.resolve("b.txt")).hasContent("data");
    }

    @Test
    void aFileCannotReplaceAFolder() {
        byte[] archive = Archives.of().file("d/x", "1").file("d", "2").targz();
        assertThatThrownBy(() -> extractor.validate(write(archive)))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("'d'");
    }

    @Test
    void otherFormatsAreNamedInTheError() {
        assertThatThrownBy(() -> extractor.validate(write("just text".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("not a tar.gz, tar or zip");
        assertThatThrownBy(() -> extractor.validate(write(new byte[] {'B', 'Z', 'h', '9', 1, 2})))
                .hasMessageContaining("bzip2");
        byte[] gzippedText = gzip("plain text, no tar".repeat(40));
        byte[] notTar = gzippedText;
        assertThatThrownBy(() -> extractor.validate(write(notTar))).hasMessageContaining("holds no tar archive");
    }

    @Test
    void aDamagedArchiveIsRefusedNamingTheLastGoodEntry() {
        byte[] archive = Archives.of()
                .file("first.txt", "1")
                .zeros("second.bin", 100_000)
                .tar();
        byte[] cut = java.util.Arrays.copyOf(archive, 50_000);
        assertThatThrownBy(() -> extractor.validate(write(cut)))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("'second.bin'");
    }

    @Test
    void permissionBitsAreKeptAsInTheArchiveWithTheOwnerAlwaysAbleToReadThem() throws IOException {
        Archives project = Archives.of()
                .file("run.sh", "#!/bin/sh\n", 0750)
                .file("private.txt", "x", 0600)
                .file("readonly.txt", "x", 0444)
                .file("locked.txt", "x", 0070)
                .file("plain.txt", "x", 0644);
        for (byte[] archive : List.of(project.targz(), project.zip())) {
            Path target = unpack(archive);

            assertThat(bits(target.resolve("run.sh"))).isEqualTo("rwxr-x---");
            assertThat(bits(target.resolve("private.txt"))).isEqualTo("rw-------");
            assertThat(bits(target.resolve("readonly.txt"))).isEqualTo("r--r--r--");
            assertThat(bits(target.resolve("locked.txt"))).isEqualTo("r--rwx---");
            assertThat(bits(target.resolve("plain.txt"))).isEqualTo("rw-r--r--");
        }
    }

    private static String bits(Path file) throws IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    private Path unpack(byte[] archive) throws IOException {
        Path target = Files.createTempDirectory(tmp, "target-");
        extractor.validate(write(archive));
        extractor.extract(write(archive), target);
        return target;
    }

    private Path write(byte[] archive) {
        try {
            return Files.write(Files.createTempFile(tmp, "bundle-", ".bin"), archive);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(String text) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
                gz.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(p -> p.getFileName().toString()).toList();
        }
    }
}
