package io.daas.builder.reproducible;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The SOURCE_DATE_EPOCH of a reproducible build. The rule: {@code buildOptions.sourceDateEpoch}
 * when the request gives one; else the newest modification time of any entry in the bundle
 * archive (tar, tar.gz or zip), never later than now; else 0 when the archive records no times.
 */
public final class SourceDateEpoch {

    private SourceDateEpoch() {}

    public static long of(Long requested, Path bundleArchive, long nowSeconds) throws IOException {
        if (requested != null) {
            return requested;
        }
        return Math.max(0, Math.min(newestEntryTime(bundleArchive), nowSeconds));
    }

    static long newestEntryTime(Path archive) throws IOException {
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(archive)) {
            in.readNBytes(magic, 0, 4);
        }
        long newest = 0;
        if (magic[0] == 'P' && magic[1] == 'K') {
            try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
                Enumeration<ZipArchiveEntry> entries = zip.getEntries();
                while (entries.hasMoreElements()) {
                    newest = Math.max(newest, entries.nextElement().getTime() / 1000);
                }
            }
            return newest;
        }
        boolean gzip = (magic[0] & 0xFF) == 0x1f && (magic[1] & 0xFF) == 0x8b;
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
                InputStream raw = gzip
                        ? GzipCompressorInputStream.builder()
                                .setInputStream(file)
                                .setDecompressConcatenated(true)
                                .get()
                        : file;
                TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                newest = Math.max(newest, e.getLastModifiedTime().toInstant().getEpochSecond());
            }
        }
        return newest;
    }
}
