package io.daas.builder.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/** Whether two registry addresses name the same registry: same host, or same port and a shared address. */
public final class RegistryHosts {

    private RegistryHosts() {}

    /**
     * Whether {@code a} and {@code b} (host[:port], as {@link PushTarget#host} gives them) are one
     * registry: {@code localhost:5000} and {@code 127.0.0.1:5000} are, so an alias cannot get
     * around the default registry's partition.
     */
    public static boolean same(String a, String b) {
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        String[] ha = split(a);
        String[] hb = split(b);
        if (!ha[1].equals(hb[1])) {
            return false;
        }
        try {
            InetAddress[] ra = InetAddress.getAllByName(ha[0]);
            InetAddress[] rb = InetAddress.getAllByName(hb[0]);
            return Arrays.stream(ra).anyMatch(x -> Arrays.asList(rb).contains(x));
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    /** Host (without brackets) and port ("" when none). */
    private static String[] split(String hostAndPort) {
        String h = hostAndPort.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            String port = end >= 0 && h.length() > end + 2 ? h.substring(end + 2) : "";
            return new String[] {h.substring(1, Math.max(1, end)), port};
        }
        int colon = h.lastIndexOf(':');
        return colon > 0 ? new String[] {h.substring(0, colon), h.substring(colon + 1)} : new String[] {h, ""};
    }
}
