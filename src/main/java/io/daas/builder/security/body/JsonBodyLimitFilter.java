package io.daas.builder.security.body;

import io.daas.builder.errors.ErrorAnswer;
import io.daas.builder.errors.ErrorEnvelope;
import io.daas.builder.errors.ErrorKind;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies of the JSON endpoints (every endpoint but bundle uploads, which are large by
 * design) at MAX_JSON_BODY: by Content-Length when sent, else by reading at most one byte more
 * than the cap (chunked bodies). A body within the cap is handed on from memory.
 */
public final class JsonBodyLimitFilter extends OncePerRequestFilter {

    /** Paths whose bodies are archives with their own limit (MAX_BUNDLE_SIZE). */
    static final Set<String> UPLOAD_PATHS = Set.of("/api/docker/bundles");

    private final long maxBytes;

    public JsonBodyLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return UPLOAD_PATHS.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            tooLarge(response);
            return;
        }
        if (declared == 0 || (declared < 0 && request.getHeader("Transfer-Encoding") == null)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 1, maxBytes + 1));
        }
        if (body.length > maxBytes) {
            tooLarge(response);
            return;
        }
        chain.doFilter(new CachedBody(request, body), response);
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        // The client may still be sending: close the connection rather than read the rest.
        response.setHeader("Connection", "close");
        ErrorEnvelope.write(
                response,
                ErrorAnswer.of(
                        ErrorKind.TOO_LARGE,
                        "JSON request bodies may be at most " + maxBytes + " bytes (MAX_JSON_BODY)"));
    }

    /** The request with its body read into memory. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = StandardCharsets.UTF_8;
            try {
                if (encoding != null) {
                    charset = Charset.forName(encoding);
                }
            } catch (IllegalArgumentException e) {
                // an unknown charset name from the client: read as UTF-8, the JSON default
            }
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
