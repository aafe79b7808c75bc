package io.daas.builder.bundle.unpack;

import io.daas.builder.bundle.InvalidBundleException;
import java.util.ArrayList;
import java.util.List;

/** Turns archive entry names into clean relative paths, refusing any that would leave the bundle. */
final class EntryNames {

    private EntryNames() {}

    /** The name as a relative path with no {@code .}, {@code ..} or empty parts ("" for the root itself). */
    static String normalize(String name) {
        return normalize(name, name, "");
    }

    /** The target of a hard link, a path from the bundle's root like an entry name. */
    static String hardLinkSource(BundleEntry entry) {
        return normalize(entry.linkName(), entry.name(), " links to");
    }

    /** Refuses symlink targets that are empty, absolute or carry a NUL. */
    static void checkSymlinkTarget(BundleEntry entry) {
        String target = entry.linkName();
        if (target == null || target.isEmpty() || target.indexOf('\0') >= 0) {
            throw new InvalidBundleException("Bundle entry '" + entry.name() + "' is a symlink with no usable target");
        }
        if (target.startsWith("/")) {
            throw new InvalidBundleException("Bundle entry '" + entry.name() + "' links to the absolute path '" + target
                    + "'; links must be relative");
        }
    }

    private static String normalize(String path, String entryName, String what) {
        if (path == null || path.indexOf('\0') >= 0) {
            throw new InvalidBundleException(
                    "Bundle entry '" + printable(entryName) + "'" + what + " a name with a NUL byte");
        }
        if (path.startsWith("/")) {
            throw new InvalidBundleException("Bundle entry '" + entryName + "'" + what
                    + " an absolute path; paths in a bundle must be relative");
        }
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new InvalidBundleException(
                            "Bundle entry '" + entryName + "'" + what + " a path that leaves the bundle with '..'");
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    private static String printable(String s) {
        return s == null ? "" : s.replace('\0', '?');
    }
}
