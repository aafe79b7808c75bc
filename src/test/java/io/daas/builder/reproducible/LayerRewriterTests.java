package io.daas.builder.reproducible;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerRewriterTests {

    private static final long EPOCH = 1_700_000_000L;

    @TempDir
    Path dir;

    @Test
    void entriesComeInPathOrderWithEveryTimeClampedToTheEpoch() throws IOException {
        Path layer = layer("a", EPOCH + 500, List.of("z.txt", "app/", "app/b.txt", "app.txt", "app/a/", "app/a/c.txt"));

        new LayerRewriter(EPOCH).rewrite(layer, dir.resolve("out.tar"));

        List<TarArchiveEntry> out = entries(dir.resolve("out.tar"));
        assertThat(out.stream().map(TarArchiveEntry::getName))
                .containsExactly("app/", "app/a/", "app/a/c.txt", "app/b.txt", "app.txt", "z.txt");
        assertThat(out).allSatisfy(e -> {
            assertThat(e.getLastModifiedTime().toInstant().getEpochSecond()).isEqualTo(EPOCH);
            assertThat(e.getLastAccessTime().toInstant().getEpochSecond()).isEqualTo(EPOCH);
            assertThat(e.getStatusChangeTime().toInstant().getEpochSecond()).isEqualTo(EPOCH);
        });
    }

    @Test
    void aLayerSaysItsRewrittenSizeFromItsHeadersAndStreamsTheSameBytesAsItWritesToAFile() throws IOException {
        Path layer = layer("a", EPOCH + 500, List.of("app/", "app/b.txt", "var/log/x.log", "z.txt"));
        LayerRewriter.LayerResult toFile = new LayerRewriter(EPOCH).rewrite(layer, dir.resolve("out.tar"));

        java.io.ByteArrayOutputStream streamed = new java.io.ByteArrayOutputStream();
        long size;
        LayerRewriter.LayerResult toStream;
        try (LayerRewriter.Layer canonical = new LayerRewriter(EPOCH).open(layer)) {
            size = canonical.size();
            toStream = canonical.writeTo(streamed);
        }

        assertThat(size).isEqualTo(Files.size(dir.resolve("out.tar"))).isEqualTo(streamed.size());
        assertThat(streamed.toByteArray()).isEqualTo(Files.readAllBytes(dir.resolve("out.tar")));
        assertThat(toStream).isEqualTo(toFile);
    }

    @Test
    void timesBeforeTheEpochStay() throws IOException {
        Path layer = layer("a", EPOCH - 86_400, List.of("old.txt"));

        new LayerRewriter(EPOCH).rewrite(layer, dir.resolve("out.tar"));

        assertThat(entries(dir.resolve("out.tar"))
                        .get(0)
                        .getLastModifiedTime()
                        .toInstant()
                        .getEpochSecond())
                .isEqualTo(EPOCH - 86_400);
    }

    @Test
    void theSameFilesWrittenAtDifferentTimesAndInAnotherOrderGiveTheSameDiffId() throws IOException {
        Path first = layer("a", EPOCH + 10, List.of("etc/", "etc/x", "bin/", "bin/y"));
        Path second = layer("b", EPOCH + 99_999, List.of("bin/", "bin/y", "etc/", "etc/x"));

        String one =
                new LayerRewriter(EPOCH).rewrite(first, dir.resolve("1.tar")).diffId();
        String two =
                new LayerRewriter(EPOCH).rewrite(second, dir.resolve("2.tar")).diffId();

        assertThat(one).isEqualTo(two).startsWith("sha256:");
    }

    @Test
    void aHardLinkThatWouldComeBeforeItsFileAfterSortingHoldsTheContentInstead() throws IOException {
        Path layer = dir.resolve("links.tar");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(layer))) {
            file(tar, "z/data", "payload", EPOCH);
            TarArchiveEntry link = new TarArchiveEntry("a/link", TarConstants.LF_LINK);
            link.setLinkName("z/data");
            link.setModTime(FileTime.fromMillis(EPOCH * 1000));
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }

        new LayerRewriter(EPOCH).rewrite(layer, dir.resolve("out.tar"));

        try (TarFile out = new TarFile(dir.resolve("out.tar"))) {
            TarArchiveEntry first = out.getEntries().get(0);
            TarArchiveEntry second = out.getEntries().get(1);
            assertThat(first.getName()).isEqualTo("a/link");
            assertThat(first.isFile()).isTrue();
            assertThat(new String(out.getInputStream(first).readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("payload");
            assertThat(second.getName()).isEqualTo("z/data");
            assertThat(second.isLink()).isTrue();
            assertThat(second.getLinkName()).isEqualTo("a/link");
        }
    }

    @Test
    void ldconfigsAndNpmsCachesAreDroppedAndLogsAreEmptied() throws IOException {
        Path layer = dir.resolve("noise.tar");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(layer))) {
            file(tar, "var/cache/ldconfig/aux-cache", "cache", EPOCH + 5);
            file(tar, "var/log/dpkg.log", "2026-11-29 install x", EPOCH + 5);
            file(tar, "usr/lib/x.so", "lib", EPOCH + 5);
            file(tar, "root/.npm/_cacache/index-v5/17/b4/46a3", "{\"time\":1}", EPOCH + 5);
        }

        LayerRewriter.LayerResult r = new LayerRewriter(EPOCH).rewrite(layer, dir.resolve("out.tar"));

        assertThat(r.removed()).isEqualTo(2);
        assertThat(r.emptied()).isEqualTo(1);
        assertThat(entries(dir.resolve("out.tar")))
                .extracting(TarArchiveEntry::getName, TarArchiveEntry::getSize)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("usr/lib/x.so", 3L),
                        org.assertj.core.groups.Tuple.tuple("var/log/dpkg.log", 0L));
    }

    @Test
    void aPycTimeStampIsClampedLikeItsSourceFile() throws IOException {
        byte[] pyc = new byte[20];
        long stamp = EPOCH + 1234;
        for (int i = 0; i < 4; i++) {
            pyc[8 + i] = (byte) (stamp >>> (8 * i));
        }
        Path layer = dir.resolve("pyc.tar");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(layer))) {
            TarArchiveEntry e = new TarArchiveEntry("app/__pycache__/m.cpython-311.pyc");
            e.setSize(pyc.length);
            tar.putArchiveEntry(e);
            tar.write(pyc);
            tar.closeArchiveEntry();
        }

        assertThat(new LayerRewriter(EPOCH)
                        .rewrite(layer, dir.resolve("out.tar"))
                        .pycs())
                .isEqualTo(1);

        try (TarFile out = new TarFile(dir.resolve("out.tar"))) {
            byte[] b = out.getInputStream(out.getEntries().get(0)).readAllBytes();
            long written = (b[8] & 0xFF) | (b[9] & 0xFF) << 8 | (b[10] & 0xFF) << 16 | ((long) b[11] & 0xFF) << 24;
            assertThat(written).isEqualTo(EPOCH);
        }
    }

    private Path layer(String name, long time, List<String> names) throws IOException {
        Path layer = dir.resolve(name + ".tar");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(layer))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            // PAX atime and ctime are written only in this mode
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (String n : names) {
                if (n.endsWith("/")) {
                    TarArchiveEntry d = new TarArchiveEntry(n);
                    d.setModTime(FileTime.fromMillis(time * 1000));
                    d.setLastAccessTime(FileTime.fromMillis(time * 1000 + 7000));
                    d.setStatusChangeTime(FileTime.fromMillis(time * 1000 + 9000));
                    tar.putArchiveEntry(d);
                    tar.closeArchiveEntry();
                } else {
                    file(tar, n, "content of " + n, time);
                }
            }
        }
        return layer;
    }

    private static void file(TarArchiveOutputStream tar, String name, String content, long time) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        e.setModTime(FileTime.fromMillis(time * 1000));
        e.setLastAccessTime(FileTime.fromMillis(time * 1000 + 3000));
        e.setStatusChangeTime(FileTime.fromMillis(time * 1000 + 4000));
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private static List<TarArchiveEntry> entries(Path tar) throws IOException {
        try (TarFile t = new TarFile(tar)) {
            return new ArrayList<>(t.getEntries());
        }
    }
}
