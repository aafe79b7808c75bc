package io.daas.builder.bundle;

import static io.daas.builder.support.HugeArchives.end;
import static io.daas.builder.support.HugeArchives.file;
import static io.daas.builder.support.HugeArchives.header;
import static io.daas.builder.support.HugeArchives.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daas.builder.config.UnpackLimits;
import io.daas.builder.support.HugeArchives;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small archives that would exhaust the service if read naively (issue 12, item 6): each is
 * refused with a message naming the problem, quickly, having allocated little on the reading thread.
 */
class HostileArchiveBoundsTests {

    private static final UnpackLimits DEFAULTS = new UnpackLimits(2L << 30, 100_000, 100);
    private static final long GIB = 1L << 30;

    @TempDir
    Path tmp;

    @Test
    void aTarGzWithA700MibPaxPathIsRefusedByTheSizeItsHeaderDeclaresBeforeAnyOfItIsRead() throws IOException {
        long value = 700L << 20;
        long record = paxRecordLength("path", value);
        Path archive = targz(out -> {
            member(out, header("PaxHeaders.0/app", 'x', record, null));
            member(out, (record + " path=").getBytes(StandardCharsets.US_ASCII));
            HugeArchives.letters(out, value);
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            rest.writeBytes("\n".getBytes(StandardCharsets.US_ASCII));
            rest.writeBytes(new byte[HugeArchives.padding(record)]);
            rest.writeBytes(file("Dockerfile", "FROM scratch\n"));
            rest.writeBytes(end());
            member(out, rest.toByteArray());
        });
        assertThat(Files.size(archive)).isLessThan(1 << 20);

        assertRefusedCheaply(DEFAULTS, archive, "PAX extended header of " + record + " bytes");
    }

    @Test
    void aGnuLongNameOfAGibIsRefusedBeforeItIsRead() throws IOException {
        Path archive = targz(out -> {
            member(out, header("././@LongLink", 'L', GIB, null));
            HugeArchives.letters(out, GIB);
            member(out, end());
        });

        assertRefusedCheaply(DEFAULTS, archive, "GNU long name of " + GIB + " bytes");
    }

    @Test
    void aPaxPathPastTheNameLimitIsRefusedNamingTheEntry() throws IOException {
        String longName = "a".repeat(80_001);
        long record = paxRecordLength("path", longName.length());
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.writeBytes(header("PaxHeaders.0/a", 'x', record, null));
        tar.writeBytes((record + " path=" + longName + "\n").getBytes(StandardCharsets.US_ASCII));
        tar.writeBytes(new byte[HugeArchives.padding(record)]);
        tar.writeBytes(file("short-name", "x"));
        tar.writeBytes(end());

        assertThatThrownBy(() -> new BundleExtractor(DEFAULTS).validate(write(tar.toByteArray())))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("'" + "a".repeat(200) + "...'")
                .hasMessageContaining("has a name of 80001 characters");
    }

    @Test
    void tenGibHiddenAsTheDataOfASymlinkAreCountedAndRefusedWithinSeconds() throws IOException {
        Path archive = targz(out -> {
            member(out, header("app-link", '2', 10 * GIB, "Dockerfile"));
            HugeArchives.zeros(out, 10 * GIB);
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            rest.writeBytes(file("Dockerfile", "FROM scratch\n"));
            rest.writeBytes(end());
            member(out, rest.toByteArray());
        });
        assertThat(Files.size(archive)).isLessThan(12L << 20);

        assertRefusedCheaply(DEFAULTS, archive, "'app-link'", "MAX_COMPRESSION_RATIO");
        // with no ratio limit, the unpacked size limit stops it, also counting data no file uses
        assertRefusedCheaply(
                new UnpackLimits(32L << 20, 100_000, 1_000_000), archive, "'app-link'", "MAX_UNPACKED_SIZE");
    }

    @Test
    void tenGibAfterTheEndOfTheArchiveAreCountedAndRefusedWithinSeconds() throws IOException {
        Path archive = targz(out -> {
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            tar.writeBytes(file("Dockerfile", "FROM scratch\n"));
            tar.writeBytes(end());
            tar.writeBytes(new byte[10240 - tar.size() % 10240]);
            member(out, tar.toByteArray());
            HugeArchives.zeros(out, 10 * GIB);
        });

        assertRefusedCheaply(DEFAULTS, archive, "'Dockerfile'", "MAX_COMPRESSION_RATIO");
    }

    @Test
    void anArchivePaddedPastItsEndAsToolsDoStillUnpacks() throws IOException {
        Path archive = targz(out -> {
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            tar.writeBytes(file("Dockerfile", "FROM scratch\n"));
            tar.writeBytes(end());
            tar.writeBytes(new byte[64 * 1024]);
            member(out, tar.toByteArray());
        });
        Path target = tmp.resolve("target");

        new BundleExtractor(DEFAULTS).extract(archive, target);

        assertThat(target.resolve("Dockerfile")).hasContent("FROM scratch");
    }

    @Test
    void aZipWithAMillionCentralDirectoryEntriesIsRefusedBeforeTheyFillTheMemory() throws IOException {
        Path archive = zipWithCentralDirectoryEntries(1_000_000);

        // ZipFile takes a fresh buffer for each name it reads (about 19 KiB per entry, garbage at once):
        // the allocation bound holds only when the guard stops it within the first few thousand entries
        assertRefusedCheaply(
                new UnpackLimits(2L << 30, 1_000, 100), archive, "more than 1000 entries", "MAX_BUNDLE_ENTRIES");
        assertThatThrownBy(() -> new BundleExtractor(DEFAULTS).validate(archive))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("more than 100000 entries");
    }

    /** Refused by validation and by extraction, each within 10 s and 64 MiB allocated on this thread. */
    private void assertRefusedCheaply(UnpackLimits limits, Path archive, String... reasons) {
        BundleExtractor extractor = new BundleExtractor(limits);
        for (boolean extract : new boolean[] {false, true}) {
            Path target = tmp.resolve("target-" + System.nanoTime());
            long allocatedBefore = allocated();
            long start = System.nanoTime();
            assertThatThrownBy(() -> {
                        if (extract) {
                            extractor.extract(archive, target);
                        } else {
                            extractor.validate(archive);
                        }
                    })
                    .isInstanceOf(InvalidBundleException.class)
                    .satisfies(e -> {
                        for (String reason : reasons) {
                            assertThat(e.getMessage()).contains(reason);
                        }
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(allocated() - allocatedBefore).isLessThan(64L << 20);
        }
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** The length field of a PAX record counts its own digits. */
    private static long paxRecordLength(String key, long valueLength) {
        long rest = 1 + key.length() + 1 + valueLength + 1; // " key=value\n"
        long length = rest + 1;
        while (length != rest + String.valueOf(length).length()) {
            length = rest + String.valueOf(length).length();
        }
        return length;
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private Path targz(Writer writer) throws IOException {
        Path file = Files.createTempFile(tmp, "bundle-", ".tar.gz");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            writer.write(out);
        }
        return file;
    }

    private Path write(byte[] archive) throws IOException {
        return Files.write(Files.createTempFile(tmp, "bundle-", ".bin"), archive);
    }

    /**
     * One local file header and {@code count} central directory entries that all point at it,
     * with an end record that claims 65535 entries (ZipFile walks the directory by signature).
     */
    private Path zipWithCentralDirectoryEntries(int count) throws IOException {
        Path file = Files.createTempFile(tmp, "bundle-", ".zip");
        byte[] name = "a".getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            ByteBuffer local = ByteBuffer.allocate(30 + name.length).order(ByteOrder.LITTLE_ENDIAN);
            local.putInt(0x04034b50).putShort((short) 10).putShort((short) 0).putShort((short) 0);
            local.putInt(0)
                    .putInt(0)
                    .putInt(0)
                    .putInt(0)
                    .putShort((short) name.length)
                    .putShort((short) 0);
            local.put(name);
            out.write(local.array());
            ByteBuffer central = ByteBuffer.allocate(46 + name.length).order(ByteOrder.LITTLE_ENDIAN);
            central.putInt(0x02014b50)
                    .putShort((short) 0x031e)
                    .putShort((short) 10)
                    .putShort((short) 0);
            central.putShort((short) 0).putInt(0).putInt(0).putInt(0).putInt(0);
            central.putShort((short) name.length).putShort((short) 0).putShort((short) 0);
            central.putShort((short) 0)
                    .putShort((short) 0)
                    .putInt(0100644 << 16)
                    .putInt(0);
            central.put(name);
            for (int i = 0; i < count; i++) {
                out.write(central.array());
            }
            ByteBuffer endRecord = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
            endRecord.putInt(0x06054b50).putShort((short) 0).putShort((short) 0);
            endRecord.putShort((short) 0xffff).putShort((short) 0xffff);
            endRecord
                    .putInt((int) ((long) count * central.capacity()))
                    .putInt(local.capacity())
                    .putShort((short) 0);
            out.write(endRecord.array());
        }
        return file;
    }
}
