package io.daas.builder.security;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of authentication, tenancy limits and outbound policy, bound from the documented
 * environment variables in application.yml.
 *
 * @param tokensFile file of API tokens, lines {@code token tenant [role]} ({@code API_TOKENS_FILE}); unset =
 *     no authentication and loopback-only binding
 * @param bindAddress address to listen on ({@code BIND_ADDRESS}); unset = 0.0.0.0 with tokens, 127.0.0.1 without
 * @param buildRateLimit build submissions per tenant per minute ({@code BUILD_RATE_LIMIT}, default 30; 0 = no limit)
 * @param outboundAllowLoopback whether outbound requests may go to loopback addresses ({@code
 *     OUTBOUND_ALLOW_LOOPBACK}, default false)
 * @param outboundAllowPrivate whether outbound requests may go to private ranges ({@code OUTBOUND_ALLOW_PRIVATE},
 *     default false)
 * @param corsAllowedOrigins origins allowed to call the API from a browser ({@code CORS_ALLOWED_ORIGINS}, comma
 *     separated; empty = CORS off)
 * @param maxJsonBody largest JSON request body in bytes ({@code MAX_JSON_BODY}, default 1 MiB)
 */
@ConfigurationProperties("builder.security")
public record SecurityProperties(
        Path tokensFile,
        String bindAddress,
        @DefaultValue("30") int buildRateLimit,
        @DefaultValue("false") boolean outboundAllowLoopback,
        @DefaultValue("false") boolean outboundAllowPrivate,
        @DefaultValue("") List<String> corsAllowedOrigins,
        @DefaultValue("1048576") long maxJsonBody) {

    public SecurityProperties {
        corsAllowedOrigins = corsAllowedOrigins == null
                ? List.of()
                : corsAllowedOrigins.stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }
}
