package io.daas.builder.bundle;

import io.daas.builder.config.BuilderProperties;
import io.daas.builder.config.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/** Keeps uploaded bundles on disk under the data dir, addressed by the SHA-256 of their bytes. */
@Component
public class BundleStore {

    private final Path dir;
    private final long maxBundleSize;
    private final BundleExtractor extractor;

    BundleStore(BuilderProperties properties, BundleExtractor extractor) {
        this.dir = properties.bundleDir();
        this.maxBundleSize = properties.maxBundleSize();
        this.extractor = extractor;
    }

    /**
     * Streams an upload to disk, checks it is an archive that unpacks safely, and keeps it under
     * its digest. The same bytes uploaded twice give the same id.
     */
    public StoredBundle save(InputStream body) {
        Path temp = null;
        try {
            PrivateFiles.directory(dir);
            temp = Files.createTempFile(dir, "upload-", ".part");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
                size = copyCapped(body, out);
            }
            if (size == 0) {
                throw new InvalidBundleException("Bundle is empty: send a tar.gz, tar or zip archive of the project");
            }
            extractor.validate(temp);
            BundleId id = new BundleId(HexFormat.of().formatHex(sha256.digest()));
            Files.move(temp, pathOf(id), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            PrivateFiles.file(pathOf(id));
            return new StoredBundle(id, size);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the bundle under " + dir, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** A new empty file in the store's folder, for a download to be moved in by {@link #keepFetched}. */
    Path newTempFile() {
        try {
            PrivateFiles.directory(dir);
            return Files.createTempFile(dir, "fetch-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a file under " + dir, e);
        }
    }

    /**
     * Keeps a downloaded blob under its content digest and under its blob id (a hard link to the
     * same file), so later builds of either id read it from disk.
     */
    Path keepFetched(BundleId blobId, Path download) {
        try {
            BundleId digest = new BundleId(sha256(download));
            Files.move(download, pathOf(digest), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            PrivateFiles.file(pathOf(digest));
            alias(digest, blobId);
            return pathOf(blobId);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep blob " + blobId + " under " + dir, e);
        }
    }

    /**
     * Keeps a bundle copied from the database under its id, after checking its bytes still hash to
     * that id; false (and the copy deleted) when they do not.
     */
    boolean keepCopy(BundleId id, Path copy) {
        try {
            if (!sha256(copy).equals(id.value())) {
                Files.deleteIfExists(copy);
                return false;
            }
            Files.move(copy, pathOf(id), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            PrivateFiles.file(pathOf(id));
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep bundle " + id + " under " + dir, e);
        }
    }

    /** Makes a stored bundle known under a second id too (a Walrus blob id for an upload digest). */
    void alias(BundleId stored, BundleId alias) {
        Path link = pathOf(alias);
        try {
            Files.deleteIfExists(link);
            try {
                Files.createLink(link, pathOf(stored));
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(pathOf(stored), link, StandardCopyOption.REPLACE_EXISTING);
                PrivateFiles.file(link);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep bundle " + stored + " as " + alias, e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a bundle with this id is stored here. */
    public boolean contains(BundleId id) {
        return Files.isRegularFile(pathOf(id));
    }

    /** Marks a stored bundle as used now: BUNDLE_RETENTION_DAYS counts from its last use. */
    public void touch(BundleId id) {
        try {
            Files.setLastModifiedTime(pathOf(id), java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
        } catch (IOException e) {
            // removed meanwhile: the caller finds out when it reads it
        }
    }

    /** The folder of the store. */
    public Path dir() {
        return dir;
    }

    /** The file of a stored bundle. */
    public Path pathOf(BundleId id) {
        return dir.resolve(id.value() + ".bundle");
    }

    private long copyCapped(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            total += n;
            if (total > maxBundleSize) {
                throw new BundleTooLargeException(maxBundleSize);
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // a stale temp file is harmless
            }
        }
    }
}
