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
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies must keep up MIN_BODY_RATE bytes per second on average once their first
 * {@link #GRACE_SECONDS} seconds are over; a slower one fails its next read with {@link
 * BodyTooSlowException} (408), so a trickling client cannot hold a request thread for long.
 */
public final class MinBodyRateFilter extends OncePerRequestFilter {

    public static final long GRACE_SECONDS = 10;

    private final long minRate;

    public MinBodyRateFilter(long minRate) {
        this.minRate = minRate;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return minRate <= 0 || (request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(new Timed(request, minRate), response);
        } catch (BodyTooSlowException e) {
            // thrown in a filter (the JSON body cap reads bodies there); controllers map it themselves
            if (!response.isCommitted()) {
                response.reset();
                response.setHeader("Connection", "close");
                ErrorEnvelope.write(response, ErrorAnswer.of(ErrorKind.REQUEST_TIMEOUT, e.getMessage()));
            }
        }
    }

    /** The request, its body read through a clock. */
    private static final class Timed extends HttpServletRequestWrapper {

        private final long minRate;
        private final long started = System.nanoTime();
        private ServletInputStream stream;

        Timed(HttpServletRequest request, long minRate) {
            super(request);
            this.minRate = minRate;
        }

        @Override
        public synchronized ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        check();
                        int b = in.read();
                        if (b >= 0) {
                            read++;
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        check();
                        int n = in.read(b, off, len);
                        if (n > 0) {
                            read += n;
                        }
                        return n;
                    }

                    private void check() throws BodyTooSlowException {
                        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
                        if (seconds >= GRACE_SECONDS && read < minRate * seconds) {
                            throw new BodyTooSlowException(minRate, GRACE_SECONDS);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
