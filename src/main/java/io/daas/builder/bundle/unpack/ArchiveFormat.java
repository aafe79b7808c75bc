package io.daas.builder.bundle.unpack;

import io.daas.builder.bundle.InvalidBundleException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;

/** The archive formats a bundle may have, told apart by their first bytes, never by a file name. */
enum ArchiveFormat {
    TAR_GZ("tar.gz"),
    TAR("tar"),
    ZIP("zip");

    private static final int TAR_BLOCK = 512;

    private final String label;

    ArchiveFormat(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    ArchiveReader open(Path archive, UnpackBudget budget) throws IOException {
        return this == ZIP ? ZipReader.open(archive, budget) : TarReader.open(archive, this == TAR_GZ, budget);
    }

    /** The format of the archive; throws {@link InvalidBundleException} for anything else. */
    static ArchiveFormat detect(Path archive) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(archive)) {
            head = in.readNBytes(TAR_BLOCK);
        }
        if (startsWith(head, 0x1f, 0x8b)) {
            if (!isTar(gunzippedHead(archive))) {
                throw new InvalidBundleException(
                        "Bundle is gzip-compressed but holds no tar archive; send a tar.gz made with tar -czf");
            }
            return TAR_GZ;
        }
        if (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6)) {
            return ZIP;
        }
        if (isTar(head)) {
            return TAR;
        }
        throw new InvalidBundleException("Bundle is " + describe(head) + ", not a tar.gz, tar or zip archive");
    }

    private static byte[] gunzippedHead(Path archive) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            return in.readNBytes(TAR_BLOCK);
        } catch (IOException e) {
            throw new InvalidBundleException("Bundle is not a readable gzip file (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isTar(byte[] block) {
        if (block.length < TAR_BLOCK) {
            return false;
        }
        // an empty tar is all zeros; old (v7) tars have no magic, only a valid header checksum
        try {
            return isAllZero(block)
                    || TarArchiveInputStream.matches(block, block.length)
                    || TarUtils.verifyCheckSum(block);
        } catch (IllegalArgumentException e) {
            return false; // the checksum field is not even octal
        }
    }

    private static String describe(byte[] head) {
        if (head.length == 0) {
            return "empty";
        } else if (startsWith(head, 'B', 'Z', 'h')) {
            return "a bzip2 file";
        } else if (startsWith(head, 0xfd, '7', 'z', 'X', 'Z', 0)) {
            return "an xz file";
        } else if (startsWith(head, 0x28, 0xb5, 0x2f, 0xfd)) {
            return "a zstd file";
        } else if (startsWith(head, '7', 'z', 0xbc, 0xaf)) {
            return "a 7z archive";
        } else if (startsWith(head, 'R', 'a', 'r', '!')) {
            return "a rar archive";
        }
        int n = Math.min(8, head.length);
        return "of an unknown format (it starts with bytes "
                + HexFormat.ofDelimiter(" ").formatHex(head, 0, n) + ")";
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAllZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
