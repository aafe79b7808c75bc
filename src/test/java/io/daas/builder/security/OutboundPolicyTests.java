package io.daas.builder.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutboundPolicyTests {

    private static final Map<String, String> DNS = Map.of(
            "registry.example.com", "93.184.216.34",
            "rebind.example.com", "10.1.2.3",
            "metadata.example.com", "169.254.169.254",
            "localhost", "127.0.0.1");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String ip = DNS.get(host);
        if (ip != null) {
            return new InetAddress[] {InetAddress.getByName(ip)};
        }
        if (host.matches("[0-9a-fA-F:.]+")) {
            return new InetAddress[] {InetAddress.getByName(host)}; // literals only: no DNS in unit tests
        }
        throw new UnknownHostException(host);
    }

    private final OutboundPolicy strict = new OutboundPolicy(false, false, OutboundPolicyTests::resolve);
    private final OutboundPolicy loopbackAllowed = new OutboundPolicy(true, false, OutboundPolicyTests::resolve);
    private final OutboundPolicy everythingAllowed = new OutboundPolicy(true, true, OutboundPolicyTests::resolve);

    @ParameterizedTest
    @CsvSource({
        "8.8.8.8, PUBLIC",
        "2606:4700::1111, PUBLIC",
        "127.0.0.1, LOOPBACK",
        "127.255.0.9, LOOPBACK",
        "::1, LOOPBACK",
        "10.0.0.1, PRIVATE",
        "172.16.0.1, PRIVATE",
        "172.31.255.255, PRIVATE",
        "172.32.0.1, PUBLIC",
        "192.168.1.1, PRIVATE",
        "100.100.100.200, PRIVATE",
        "198.18.0.1, PRIVATE",
        "fc00::1, PRIVATE",
        "fd12:3456::1, PRIVATE",
        "169.254.169.254, LINK_LOCAL",
        "169.254.0.1, LINK_LOCAL",
        "fe80::1, LINK_LOCAL",
        "fd00:ec2::254, METADATA",
        "::ffff:169.254.169.254, LINK_LOCAL",
        "::ffff:10.0.0.1, PRIVATE",
        "64:ff9b::a9fe:a9fe, LINK_LOCAL",
        "2002:a9fe:a9fe::1, LINK_LOCAL",
        "2002:7f00:1::1, LOOPBACK",
        "0.0.0.0, RESERVED",
        "::, RESERVED",
        "224.0.0.1, RESERVED",
        "255.255.255.255, RESERVED",
        "ff02::1, RESERVED"
    })
    void classifiesAddresses(String ip, AddressClass expected) throws Exception {
        assertThat(AddressClass.of(InetAddress.getByName(ip))).isEqualTo(expected);
    }

    @Test
    void metadataAndLinkLocalAreRefusedWhateverIsAllowed() {
        for (String host : new String[] {
            "169.254.169.254",
            "fd00:ec2::254",
            "[fd00:ec2::254]",
            "fe80::1",
            "metadata.example.com",
            "::ffff:169.254.169.254"
        }) {
            assertThatThrownBy(() -> everythingAllowed.checkHost(host))
                    .isInstanceOf(OutboundRefusedException.class)
                    .hasMessageContaining("never allowed");
        }
    }

    @Test
    void privateAndLoopbackOnlyWhenConfigured() {
        assertThatThrownBy(() -> strict.checkHost("10.0.0.1")).hasMessageContaining("OUTBOUND_ALLOW_PRIVATE");
        assertThatThrownBy(() -> strict.checkHost("rebind.example.com")).hasMessageContaining("private");
        assertThatThrownBy(() -> strict.checkHost("localhost")).hasMessageContaining("OUTBOUND_ALLOW_LOOPBACK");
        assertThatThrownBy(() -> loopbackAllowed.checkHost("192.168.0.1")).isInstanceOf(OutboundRefusedException.class);
        assertThat(loopbackAllowed.checkHost("localhost")).hasSize(1);
        assertThat(everythingAllowed.checkHost("10.0.0.1")).hasSize(1);
        assertThat(strict.checkHost("registry.example.com")).hasSize(1);
    }

    @Test
    void urlsNeedHttpAHostAndNoUserInfo() {
        assertThat(strict.checkUrl(URI.create("https://registry.example.com/v2/")))
                .hasSize(1);
        assertThatThrownBy(() -> strict.checkUrl(URI.create("file:///etc/passwd")))
                .hasMessageContaining("http");
        assertThatThrownBy(() -> strict.checkUrl(URI.create("gopher://registry.example.com/")))
                .hasMessageContaining("http");
        assertThatThrownBy(() -> strict.checkUrl(URI.create("https://u:p@registry.example.com/")))
                .hasMessageContaining("user info");
        assertThatThrownBy(() -> strict.checkUrl(URI.create("http://169.254.169.254/latest/meta-data/")))
                .hasMessageContaining("never allowed");
        assertThatThrownBy(() -> strict.checkHost("no-such-host.invalid")).hasMessageContaining("cannot be resolved");
    }

    @ParameterizedTest
    @CsvSource({
        "0177.0.0.1, octal",
        "0127.0.0.1, octal",
        "010.0.0.1, octal",
        "127.0.0.01, octal",
        "0x7f.1, hexadecimal",
        "0x7f000001, hexadecimal",
        "0x7f.0.0.1, hexadecimal",
        "2130706433, single-number",
        "3232235777, single-number",
        "127.1, short",
        "10.1.1, short",
        "1.2.3.4.5, non-standard",
        "127.0.0.1., non-standard",
        "256.0.0.1, out-of-range"
    })
    void unusualNumericFormsOfIpv4AreRefusedNamingTheForm(String host, String form) {
        assertThat(OutboundPolicy.unusualIpv4Form(host)).isEqualTo(form);
        assertThatThrownBy(() -> everythingAllowed.checkHost(host))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining("'" + host + "' is an IPv4 address in " + form + " form")
                .hasMessageContaining("four decimal numbers");
        assertThatThrownBy(() -> everythingAllowed.checkUrl(URI.create("http://" + host + ":5000/v2/")))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining(form + " form");
    }

    @ParameterizedTest
    @CsvSource({"93.184.216.34", "0.0.0.0", "registry.example.com", "1e100.net", "cafe.example.com", "2606:4700::1111"})
    void plainAddressesAndNamesAreNotNumericForms(String host) {
        assertThat(OutboundPolicy.unusualIpv4Form(host)).isNull();
    }
}
