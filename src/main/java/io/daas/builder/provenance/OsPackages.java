package io.daas.builder.provenance;

import java.util.ArrayList;
import java.util.List;

/**
 * The operating-system packages of an image from its package databases: dpkg's status file (and
 * distroless images' status.d folder) and apk's installed file.
 */
final class OsPackages {

    private OsPackages() {}

    /**
     * An installed package.
     *
     * @param type the purl type: deb or apk
     * @param name its name
     * @param version its version
     * @param architecture its architecture, or null
     */
    record OsPackage(String type, String name, String version, String architecture) {}

    /** Packages dpkg lists as installed ({@code Status: install ok installed}, or no Status in status.d). */
    static List<OsPackage> dpkg(String status) {
        List<OsPackage> out = new ArrayList<>();
        for (String paragraph : status.split("\n\\s*\n")) {
            String name = null;
            String version = null;
            String arch = null;
            String state = null;
            for (String line : paragraph.split("\n")) {
                if (line.startsWith("Package:")) {
                    name = line.substring(8).strip();
                } else if (line.startsWith("Version:")) {
                    version = line.substring(8).strip();
                } else if (line.startsWith("Architecture:")) {
                    arch = line.substring(13).strip();
                } else if (line.startsWith("Status:")) {
                    state = line.substring(7).strip();
                }
            }
            if (name != null && version != null && (state == null || state.endsWith(" installed"))) {
                out.add(new OsPackage("deb", name, version, arch));
            }
        }
        return out;
    }

    /** Packages in apk's {@code /lib/apk/db/installed} (P: name, V: version, A: architecture). */
    static List<OsPackage> apk(String installed) {
        List<OsPackage> out = new ArrayList<>();
        for (String paragraph : installed.split("\n\\s*\n")) {
            String name = null;
            String version = null;
            String arch = null;
            for (String line : paragraph.split("\n")) {
                if (line.startsWith("P:")) {
                    name = line.substring(2).strip();
                } else if (line.startsWith("V:")) {
                    version = line.substring(2).strip();
                } else if (line.startsWith("A:")) {
                    arch = line.substring(2).strip();
                }
            }
            if (name != null && version != null) {
                out.add(new OsPackage("apk", name, version, arch));
            }
        }
        return out;
    }
}
