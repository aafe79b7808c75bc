package io.daas.builder.security;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What kind of address an IP address is, for {@link OutboundPolicy}. IPv6 forms that embed an IPv4
 * address (mapped, compatible, NAT64, 6to4, Teredo) are judged by the IPv4 address inside.
 */
public enum AddressClass {
    /** Routable on the internet. */
    PUBLIC,
    /** RFC 1918, carrier-grade NAT, benchmarking, unique-local and site-local ranges. */
    PRIVATE,
    /** 127.0.0.0/8 and ::1. */
    LOOPBACK,
    /** 169.254.0.0/16 and fe80::/10: where cloud metadata services live. */
    LINK_LOCAL,
    /** A cloud metadata address outside link-local (fd00:ec2::254). */
    METADATA,
    /** Unspecified, multicast, broadcast, documentation and reserved ranges: never a real server. */
    RESERVED;

    /** Whether requests to this class are refused whatever the configuration. */
    public boolean alwaysRefused() {
        return this == LINK_LOCAL || this == METADATA || this == RESERVED;
    }

    public static AddressClass of(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ofIpv4(b);
        }
        if (address instanceof Inet6Address) {
            return ofIpv6(b);
        }
        return RESERVED;
    }

    private static AddressClass ofIpv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 127) {
            return LOOPBACK;
        }
        if (a0 == 169 && a1 == 254) {
            return LINK_LOCAL;
        }
        if (a0 == 10
                || (a0 == 172 && a1 >= 16 && a1 <= 31)
                || (a0 == 192 && a1 == 168)
                || (a0 == 100 && a1 >= 64 && a1 <= 127)
                || (a0 == 198 && (a1 == 18 || a1 == 19))
                || (a0 == 192 && a1 == 0 && a2 == 0)) {
            return PRIVATE;
        }
        if (a0 == 0
                || a0 >= 224
                || (a0 == 192 && a1 == 0 && a2 == 2)
                || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return RESERVED;
        }
        return PUBLIC;
    }

    private static AddressClass ofIpv6(byte[] b) {
        if (isZero(b, 0, 15)) {
            return b[15] == 1 ? LOOPBACK : RESERVED;
        }
        if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return ofIpv4(slice(b, 12)); // ::ffff:a.b.c.d
        }
        if (isZero(b, 0, 12)) {
            return ofIpv4(slice(b, 12)); // ::a.b.c.d (deprecated compatible form)
        }
        if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && isZero(b, 4, 12)) {
            return ofIpv4(slice(b, 12)); // 64:ff9b::/96 NAT64
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return ofIpv4(slice(b, 2)); // 2002::/16 6to4
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            byte[] v4 = slice(b, 12); // 2001::/32 Teredo: client address, inverted
            for (int i = 0; i < 4; i++) {
                v4[i] = (byte) ~v4[i];
            }
            return ofIpv4(v4);
        }
        if (isMetadata(b)) {
            return METADATA;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return LINK_LOCAL; // fe80::/10
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return PRIVATE; // fec0::/10 site-local (deprecated)
        }
        if ((first & 0xfe) == 0xfc) {
            return PRIVATE; // fc00::/7 unique local
        }
        if (first == 0xff
                || (first == 0x01 && second == 0 && isZero(b, 2, 8))
                || (first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8)) {
            return RESERVED; // multicast, 100::/64 discard, 2001:db8::/32 documentation
        }
        return PUBLIC;
    }

    private static final byte[] EC2_METADATA_V6 = metadataV6();

    private static boolean isMetadata(byte[] b) {
        return java.util.Arrays.equals(b, EC2_METADATA_V6);
    }

    private static byte[] metadataV6() {
        try {
            return InetAddress.getByName("fd00:ec2::254").getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] slice(byte[] b, int from) {
        return new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]};
    }
}
