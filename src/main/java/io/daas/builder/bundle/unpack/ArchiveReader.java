package io.daas.builder.bundle.unpack;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** Walks the entries of one archive in order, whatever its format. */
interface ArchiveReader extends Closeable {

    /** The next entry, or null after the last. */
    BundleEntry next() throws IOException;

    /** The bytes of the current entry; the reader closes it. */
    InputStream content() throws IOException;

    /** Bytes of the archive file consumed so far, to measure the compression ratio. */
    long compressedBytesRead();
}
