package io.daas.builder.security;

import io.daas.builder.errors.ErrorAnswer;
import io.daas.builder.errors.ErrorEnvelope;
import io.daas.builder.errors.ErrorKind;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks {@code Authorization: Bearer <token>} on every request but the health endpoints and the API's
 * documentation once any
 * token is configured, and puts the {@link Caller} on the request. Actuator endpoints other than
 * health and its probes (metrics, details of one component) need an admin token; health itself shows
 * its details to admins only. Without tokens every request is the local admin (the service then
 * listens on loopback only).
 */
final class TokenAuthenticationFilter extends OncePerRequestFilter {

    // the probes too: Kubernetes and the image's HEALTHCHECK call them without a token
    static final Set<String> OPEN_PATHS = Set.of(
            "/health",
            "/api/docker/health",
            "/actuator/health",
            "/actuator/health/liveness",
            "/actuator/health/readiness");
    /** The role actuator checks before it shows health details (management.endpoint.health.roles). */
    static final String ADMIN_ROLE = "ADMIN";

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
            chain.doFilter(new AuthenticatedRequest(request, Caller.open()), response);
            return;
        }
        Optional<Caller> caller = bearer(request.getHeader("Authorization")).flatMap(tokens::authenticate);
        if (OPEN_PATHS.contains(request.getRequestURI()) || isDocumentation(request)) {
            // open to all; a valid token only adds details for admins
            caller.ifPresent(c -> request.setAttribute(Caller.ATTRIBUTE, c));
            chain.doFilter(
                    caller.<HttpServletRequest>map(c -> new AuthenticatedRequest(request, c))
                            .orElse(request),
                    response);
            return;
        }
        if (caller.isEmpty()
                || request.getRequestURI().startsWith("/actuator")
                        && !caller.get().isAdmin()) {
            closeIfBodyUnread(request, response);
        }
        if (caller.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"daas-builder\"");
            ErrorEnvelope.write(
                    response,
                    ErrorAnswer.of(
                            ErrorKind.UNAUTHORIZED,
                            "A valid API token is required: send 'Authorization: Bearer <token>'"));
            return;
        }
        if (request.getRequestURI().startsWith("/actuator") && !caller.get().isAdmin()) {
            ErrorEnvelope.write(
                    response,
                    ErrorAnswer.of(
                            ErrorKind.FORBIDDEN,
                            "Metrics and actuator endpoints need an admin token (role admin in API_TOKENS_FILE);"
                                    + " /actuator/health and its liveness and readiness probes are open to all"));
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, caller.get());
        chain.doFilter(new AuthenticatedRequest(request, caller.get()), response);
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

    /**
     * A refused request's body is never read, and the connection may be closed before the client has
     * sent it all: say so in the answer, or a client reusing the connection finds it closed.
     */
    private static void closeIfBodyUnread(HttpServletRequest request, HttpServletResponse response) {
        if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
            response.setHeader("Connection", "close");
        }
    }

    private static Optional<String> bearer(String header) {
        if (header == null || header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(BEARER.length()).strip());
    }

    /** The request as actuator sees it: the tenant as principal, role ADMIN for admin tokens. */
    private static final class AuthenticatedRequest extends HttpServletRequestWrapper {

        private final Caller caller;

        AuthenticatedRequest(HttpServletRequest request, Caller caller) {
            super(request);
            this.caller = caller;
        }

        @Override
        public Principal getUserPrincipal() {
            return caller::tenant;
        }

        @Override
        public String getRemoteUser() {
            return caller.tenant();
        }

        @Override
        public boolean isUserInRole(String role) {
            return ADMIN_ROLE.equals(role) && caller.isAdmin();
        }
    }
}
