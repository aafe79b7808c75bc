package io.daas.builder.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks {@code Authorization: Bearer <token>} on every request but the health endpoints and the API's
 * documentation once any token is configured, and puts the {@link Caller} on the request. Without tokens every request is
 * the local admin (the service then listens on loopback only).
 */
final class TokenAuthenticationFilter extends OncePerRequestFilter {

    static final Set<String> OPEN_PATHS = Set.of("/health", "/api/docker/health", "/actuator/health");
    private static final String BEARER = "Bearer ";

    private final ApiTokens tokens;

    TokenAuthenticationFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!tokens.enabled()) {
            request.setAttribute(Caller.ATTRIBUTE, Caller.open());
            chain.doFilter(request, response);
            return;
        }
        if (OPEN_PATHS.contains(request.getRequestURI()) || isDocumentation(request)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Caller> caller = bearer(request.getHeader("Authorization")).flatMap(tokens::authenticate);
        if (caller.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"daas-builder\"");
            SecurityErrors.write(
                    response,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    "Unauthorized",
                    "A valid API token is required: send 'Authorization: Bearer <token>'");
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }

    /**
     * {@code GET /} (service name, version, endpoints) and springdoc's UI page and its config are
     * open: they carry no tenant's data. The description itself ({@code /v3/api-docs}) needs a token
     * like the API, so with tokens the UI is for reading with a token-less local service.
     */
    static boolean isDocumentation(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return false;
        }
        String path = request.getRequestURI();
        return path.equals("/")
                || path.equals("/v3/api-docs/swagger-config")
                || path.equals("/swagger-ui.html")
                || path.startsWith("/swagger-ui/");
    }

    private static Optional<String> bearer(String header) {
        if (header == null || header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(BEARER.length()).strip());
    }
}
