package io.daas.builder.security.body;

import io.daas.builder.errors.ErrorAnswer;
import io.daas.builder.errors.ErrorEnvelope;
import io.daas.builder.errors.ErrorKind;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Keeps slow request bodies from holding the connector's threads, so that {@code /health} and
 * requests without a body are served whatever slow clients do. At most MAX_BODY_REQUESTS requests
 * with a body are handled at once (more answer 503 at once and their connection is closed without
 * reading the body); a body left unread after the answer (a refused request) is drained for at
 * most {@link #DRAIN_MILLIS} ms and {@link #DRAIN_BYTES} bytes, then the connection is closed
 * instead of waiting for the rest, as Tomcat would.
 */
public final class SlowBodyValve extends ValveBase {

    static final long DRAIN_MILLIS = 2000;
    static final long DRAIN_BYTES = 2 * 1024 * 1024;

    private final Semaphore bodies;
    private final int max;

    SlowBodyValve(int maxBodyRequests) {
        super(true);
        this.max = Math.max(1, maxBodyRequests);
        this.bodies = new Semaphore(max);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (!hasBody(request)) {
            getNext().invoke(request, response);
            return;
        }
        if (!bodies.tryAcquire()) {
            refuse(request, response);
            return;
        }
        try {
            getNext().invoke(request, response);
            if (!request.isAsyncStarted() && !fullyRead(request)) {
                if (!response.isCommitted()) {
                    // the connection may be closed below: tell the client not to send on it again
                    response.setHeader("Connection", "close");
                }
                response.flushBuffer(); // the answer goes out now, whatever the rest of the body does
                drainOrClose(request);
            }
        } finally {
            bodies.release();
        }
    }

    private static boolean hasBody(Request request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private void refuse(Request request, Response response) throws IOException {
        closeWithoutReading(request);
        response.setHeader("Connection", "close");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        ErrorEnvelope.write(
                response,
                ErrorAnswer.of(
                                ErrorKind.UNAVAILABLE,
                                "The service is reading " + max
                                        + " request bodies already (MAX_BODY_REQUESTS); retry in 5 s")
                        .retryAfter(5));
        response.finishResponse();
    }

    /** Reads what the application left of the body, briefly; a client still sending after that is cut off. */
    private static void drainOrClose(Request request) {
        long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
        long drained = 0;
        try {
            InputStream in = request.getInputStream();
            byte[] buffer = new byte[8192];
            int n;
            while (drained < DRAIN_BYTES && System.currentTimeMillis() < deadline && (n = in.read(buffer)) >= 0) {
                drained += n;
            }
        } catch (IOException | IllegalStateException e) {
            // the client left, or the body was read as characters: close rather than read on
        }
        if (!fullyRead(request)) {
            closeWithoutReading(request);
        }
    }

    private static boolean fullyRead(Request request) {
        AtomicBoolean done = new AtomicBoolean();
        request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, done);
        return done.get();
    }

    private static void closeWithoutReading(Request request) {
        request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
    }

    /** Puts the valve first in the engine's pipeline once the server runs. */
    public static final class Installer implements ApplicationListener<WebServerInitializedEvent> {

        private final int maxBodyRequests;

        public Installer(int maxBodyRequests) {
            this.maxBodyRequests = maxBodyRequests;
        }

        @Override
        public void onApplicationEvent(WebServerInitializedEvent event) {
            if (event.getWebServer() instanceof TomcatWebServer tomcat) {
                tomcat.getTomcat().getEngine().getPipeline().addValve(new SlowBodyValve(maxBodyRequests));
            }
        }
    }
}
