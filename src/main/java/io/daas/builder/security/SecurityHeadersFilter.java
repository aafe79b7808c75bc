package io.daas.builder.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets the security headers on every response before anything else runs, so error answers carry
 * them too. The API answers JSON only: nothing may frame, sniff or cache it.
 */
final class SecurityHeadersFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", contentSecurityPolicy(request.getRequestURI()));
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
        chain.doFilter(request, response);
    }

    /**
     * Nothing may load for JSON answers; springdoc's UI pages may load their own scripts, styles and
     * images and fetch the description from this origin, and nothing else.
     */
    static String contentSecurityPolicy(String path) {
        if (path.startsWith("/swagger-ui/") || path.equals("/swagger-ui.html")) {
            return "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
                    + " connect-src 'self'; frame-ancestors 'none'";
        }
        return "default-src 'none'; frame-ancestors 'none'";
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
