package io.daas.builder.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Chooses the listening address: BIND_ADDRESS when given; else every interface when tokens are
 * configured, and loopback only (with a warning) when they are not, so a first run without
 * tokens is not an open build service on the network.
 */
public final class BindAddress implements WebServerFactoryCustomizer<ConfigurableWebServerFactory> {

    static final String LOOPBACK = "127.0.0.1";
    static final String ANY = "0.0.0.0";
    private static final Logger log = LoggerFactory.getLogger(BindAddress.class);

    private final String configured;
    private final boolean tokensEnabled;

    BindAddress(String configured, boolean tokensEnabled) {
        this.configured = configured;
        this.tokensEnabled = tokensEnabled;
    }

    /** The address to listen on, from BIND_ADDRESS (or null) and whether tokens are configured. */
    public static String choose(String configured, boolean tokensEnabled) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return tokensEnabled ? ANY : LOOPBACK;
    }

    @Override
    public void customize(ConfigurableWebServerFactory factory) {
        String address = choose(configured, tokensEnabled);
        if (!tokensEnabled) {
            if (address.equals(LOOPBACK) && (configured == null || configured.isBlank())) {
                log.warn(
                        "No API token configured (API_TOKENS_FILE is unset): the API is open, so the service"
                                + " listens on {} only. Set API_TOKENS_FILE to require tokens and serve other hosts.",
                        LOOPBACK);
            } else {
                log.warn(
                        "No API token configured (API_TOKENS_FILE is unset) and BIND_ADDRESS={}: anyone who can"
                                + " reach that address can build and read every build. Set API_TOKENS_FILE.",
                        address);
            }
        }
        try {
            factory.setAddress(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("BIND_ADDRESS " + address + " is not an address of this host", e);
        }
    }
}
