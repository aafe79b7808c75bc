package io.daas.builder.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daas.builder.config.UnpackLimits;
import io.daas.builder.support.Archives;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of hostile archives, made here: each is refused naming its entry, by validation and by
 * extraction, and nothing is written outside the target folder.
 */
class HostileArchivesTests {

    private static final UnpackLimits DEFAULTS = new UnpackLimits(2L << 30, 100_000, 100);
    private static final Path VICTIM = Path.of("/tmp/daas-victim-" + UUID.randomUUID());

    @TempDir
    Path tmp;

    private Path sandbox;
    private Path target;
    private int targets;

    @BeforeEach
    void sandbox() throws IOException {
        sandbox = Files.createDirectories(tmp.resolve("sandbox"));
        newTarget();
    }

    /** A fresh target three levels down, so escapes of up to four {@code ..} still land in the sandbox. */
    private void newTarget() throws IOException {
        target = Files.createDirectories(sandbox.resolve("a/b/c/target" + (++targets)));
    }

    @Test
    void absolutePathIsRefused() {
        assertRefused(Archives.of().file(VICTIM.toString(), "x").targz(), VICTIM.toString(), "absolute");
    }

    @Test
    void dotDotThatLeavesTheFolderIsRefused() {
        assertRefused(
                Archives.of().file("ok.txt", "x").file("../../escape.txt", "x").targz(), "../../escape.txt", "..");
        assertRefused(Archives.of().file("a/../../escape.txt", "x").tar(), "a/../../escape.txt", "..");
        assertRefused(Archives.of().file("../escape.txt", "x").zip(), "../escape.txt", "..");
    }

    @Test
    void symlinkLeadingOutIsRefused() {
        assertRefused(Archives.of().symlink("up", "../../..").targz(), "up", "outside");
        assertRefused(Archives.of().symlink("etc", "/etc").targz(), "etc", "absolute");
        assertRefused(Archives.of().symlink("sub/deep", "../../../x").zip(), "sub/deep", "outside");
    }

    @Test
    void writingThroughAnEarlierSymlinkIsRefused() {
        byte[] archive = Archives.of()
                .dir("inside")
                .symlink("link", "inside")
                .file("link/evil.txt", "x")
                .targz();
        assertRefused(archive, "link/evil.txt", "through the symlink 'link'");
    }

    @Test
    void symlinkThatLeavesOnlyThroughAnotherSymlinkIsRefused() {
        // "sub/b" points at the root (allowed); "c" -> sub/b/../.. looks like "." but leads above the root
        byte[] archive = Archives.of()
                .dir("sub")
                .symlink("sub/b", "..")
                .symlink("c", "sub/b/../..")
                .targz();
        assertRefused(archive, "c", "outside");
    }

    @Test
    void symlinkMadeToLeaveByALaterSymlinkIsRefused() {
        // "x" -> d/.. is the root while "d" is missing or a folder, and above the root once "d" -> s/up -> ..
        byte[] harmless = Archives.of()
                .dir("sub")
                .symlink("x", "d/..")
                .symlink("d", "sub")
                .targz();
        extractor(DEFAULTS).validate(write(harmless));

        byte[] hostile = Archives.of()
                .dir("s")
                .symlink("s/up", "..")
                .symlink("x", "d/..")
                .symlink("d", "s/up")
                .targz();
        assertRefused(hostile, "x", "outside");
    }

    @Test
    void hardLinkToAFileOutsideIsRefused() {
        assertRefused(Archives.of().hardlink("passwd", "../../../../etc/passwd").targz(), "passwd", "..");
        assertRefused(Archives.of().hardlink("passwd", "/etc/passwd").targz(), "passwd", "absolute");
        byte[] throughLink = Archives.of()
                .symlink("etc", "sub")
                .hardlink("passwd", "etc/passwd")
                .targz();
        assertRefused(throughLink, "passwd", "not a file earlier in the bundle");
    }

    @Test
    void devicesAndFifosAreRefused() {
        assertRefused(Archives.of().file("Dockerfile", "FROM x").fifo("pipe").targz(), "pipe", "fifo");
        assertRefused(Archives.of().charDevice("dev/null").tar(), "dev/null", "device");
        assertRefused(Archives.of().fifo("pipe").zip(), "pipe", "fifo");
    }

    @Test
    void tooManyEntriesAreRefusedAtTheFirstOnePastTheLimit() {
        Archives archive = Archives.of();
        for (int i = 1; i <= 11; i++) {
            archive.file("f" + i, "x");
        }
        assertRefused(new UnpackLimits(1 << 30, 10, 100), archive.targz(), "f11", "MAX_BUNDLE_ENTRIES");
    }

    @Test
    void unpackedSizePastTheLimitIsRefusedBeforeWriting() {
        byte[] archive =
                Archives.of().file("small", "x").zeros("big.bin", 3 << 20).targz();
        assertRefused(new UnpackLimits(2 << 20, 100, 100_000), archive, "big.bin", "MAX_UNPACKED_SIZE");
        assertThat(target.resolve("big.bin")).doesNotExist();
    }

    @Test
    void oneKibGzipThatUnpacksToTenGibStopsHavingWrittenNothing() throws IOException {
        byte[] bomb = Archives.of().sparse("bomb.bin", 10L << 30).targz();
        assertThat(bomb.length).isLessThanOrEqualTo(1024);

        assertRefused(DEFAULTS, bomb, "bomb.bin", "MAX_UNPACKED_SIZE");
        assertThat(sizeOf(target)).isZero();
    }

    @Test
    void highCompressionRatioStopsEarly() throws IOException {
        byte[] bomb = Archives.of().zeros("zeros.bin", 64L << 20).targz(); // ~64 KiB
        assertRefused(DEFAULTS, bomb, "zeros.bin", "MAX_COMPRESSION_RATIO");
        assertThat(sizeOf(target)).isLessThan(32L << 20);

        byte[] zipBomb = Archives.of().zeros("zeros.bin", 64L << 20).zip();
        assertRefused(DEFAULTS, zipBomb, "zeros.bin", "MAX_COMPRESSION_RATIO");
    }

    @Test
    void setuidAndSetgidBitsAreStripped() throws IOException {
        Path archive = write(Archives.of()
                .file("run.sh", "#!/bin/sh\n", 06755)
                .file("data", "x", 04644)
                .targz());
        extractor(DEFAULTS).extract(archive, target);

        assertThat(mode(target.resolve("run.sh"))).isEqualTo(0755);
        assertThat(mode(target.resolve("data")) & 07000).isZero();
    }

    private void assertRefused(byte[] archive, String entry, String reason) {
        assertRefused(DEFAULTS, archive, entry, reason);
    }

    private void assertRefused(UnpackLimits limits, byte[] archive, String entry, String reason) {
        try {
            newTarget();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Path file = write(archive);
        BundleExtractor extractor = extractor(limits);
        for (Runnable attempt :
                List.<Runnable>of(() -> extractor.validate(file), () -> extractor.extract(file, target))) {
            assertThatThrownBy(attempt::run)
                    .isInstanceOf(InvalidBundleException.class)
                    .hasMessageContaining("'" + entry + "'")
                    .hasMessageContaining(reason);
        }
        assertNothingOutsideTheTargets();
    }

    /** Everything in the sandbox is a target folder, inside one, or one of their parents. */
    private void assertNothingOutsideTheTargets() {
        Path parents = sandbox.resolve("a/b/c");
        try (Stream<Path> all = Files.walk(sandbox)) {
            List<Path> outside = all.filter(p -> !parents.startsWith(p)
                            && !(p.startsWith(parents) && p.getNameCount() > parents.getNameCount()))
                    .toList();
            assertThat(outside).isEmpty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(VICTIM).doesNotExist();
    }

    private Path write(byte[] archive) {
        try {
            Path dir = Files.createDirectories(tmp.resolve("archives"));
            return Files.write(Files.createTempFile(dir, "bundle-", ".bin"), archive);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BundleExtractor extractor(UnpackLimits limits) {
        return new BundleExtractor(limits);
    }

    private static int mode(Path file) throws IOException {
        return (Integer) Files.getAttribute(file, "unix:mode") & 07777;
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }
}
