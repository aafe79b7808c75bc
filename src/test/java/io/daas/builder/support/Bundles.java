package io.daas.builder.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Makes bundle archives (tar.gz) for tests, from text files or from a fixture folder. */
public final class Bundles {

    private Bundles() {}

    /** A tar.gz holding the given files (path to content). */
    public static byte[] targz(Map<String, String> files) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (Map.Entry<String, String> f : files.entrySet()) {
                    byte[] data = f.getValue().getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry entry = new TarArchiveEntry(f.getKey());
                    entry.setSize(data.length);
                    entry.setMode(f.getKey().endsWith(".sh") ? 0755 : 0644);
                    tar.putArchiveEntry(entry);
                    tar.write(data);
                    tar.closeArchiveEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tar.gz of a folder under src/test/resources/fixtures. */
    public static byte[] fixture(String name) {
        Path root = Path.of("src/test/resources/fixtures", name);
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(Files::isRegularFile).sorted().toList()) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return targz(files);
    }

    /** A one-file bundle with the given Dockerfile. */
    public static byte[] dockerfile(String dockerfile) {
        return targz(Map.of("Dockerfile", dockerfile));
    }
}
