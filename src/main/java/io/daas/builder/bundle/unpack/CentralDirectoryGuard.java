package io.daas.builder.bundle.unpack;

import io.daas.builder.bundle.InvalidBundleException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * The zip file as Commons Compress' {@code ZipFile} reads it while it loads the central directory:
 * ZipFile keeps every entry of the directory in memory, and walks it by signature whatever count
 * the end record claims, so this channel counts the entry signatures as they are read and refuses
 * the bundle at the first one past {@code MAX_BUNDLE_ENTRIES}, and bounds the bytes read until
 * {@link #disarm()}, so that long names and extra fields cannot fill the memory either.
 */
final class CentralDirectoryGuard implements SeekableByteChannel {

    /** Bytes a central directory may take: 100,000 entries with 300-byte names and extras come to 35 MiB. */
    static final long MAX_DIRECTORY_BYTES = 64L * 1024 * 1024;

    private static final int CENTRAL_FILE_HEADER = 0x02014b50;

    private final SeekableByteChannel file;
    private final int maxEntries;
    private volatile boolean armed = true;
    private int entries;
    private long bytesRead;

    CentralDirectoryGuard(SeekableByteChannel file, int maxEntries) {
        this.file = file;
        this.maxEntries = maxEntries;
    }

    /** The directory is loaded: reads of entry data are not counted. */
    void disarm() {
        armed = false;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int start = dst.position();
        int n = file.read(dst);
        if (!armed || n <= 0) {
            return n;
        }
        bytesRead += n;
        if (bytesRead > MAX_DIRECTORY_BYTES) {
            throw new InvalidBundleException("Bundle is a zip whose central directory takes more than "
                    + MAX_DIRECTORY_BYTES + " bytes; leave out dependency and build folders such as node_modules");
        }
        // ZipFile reads each directory entry's signature on its own, 4 bytes (ZipFile.populateFromCentralDirectory)
        if (n == 4 && littleEndianInt(dst, start) == CENTRAL_FILE_HEADER) {
            if (++entries > maxEntries) {
                throw new InvalidBundleException("Bundle is a zip with more than " + maxEntries
                        + " entries in its central directory (MAX_BUNDLE_ENTRIES); refused before reading them."
                        + " Leave out dependency and build folders such as node_modules");
            }
        }
        return n;
    }

    private static int littleEndianInt(ByteBuffer b, int at) {
        return (b.get(at) & 0xff)
                | (b.get(at + 1) & 0xff) << 8
                | (b.get(at + 2) & 0xff) << 16
                | (b.get(at + 3) & 0xff) << 24;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        throw new IOException("read-only");
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        throw new IOException("read-only");
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
