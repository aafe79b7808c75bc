package io.daas.builder.bundle.unpack;

/**
 * One entry of an archive, whatever its format.
 *
 * @param name the name as written in the archive, for messages
 * @param type what the entry is
 * @param size bytes the entry unpacks to (the full size for sparse tar entries)
 * @param mode the Unix mode bits, 0 when the archive has none
 * @param linkName the target of a link, else null
 */
record BundleEntry(String name, Type type, long size, int mode, String linkName) {

    enum Type {
        DIRECTORY,
        FILE,
        SYMLINK,
        HARDLINK,
        SPECIAL
    }
}
