package io.daas.builder.errors;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Writes the error envelope {@code {"success":false,"error":...,"message":...}}: the one writer used
 * by the controllers' exception handling, the servlet filters and Tomcat's valves alike.
 */
public final class ErrorEnvelope {

    private ErrorEnvelope() {}

    /**
     * Sets the status, Retry-After when the answer has one, and writes the envelope as JSON (whatever
     * the client asked for: an SSE client gets a 404 it can read, not a 406), then sends it.
     */
    public static void write(HttpServletResponse response, ErrorAnswer answer) throws IOException {
        response.setStatus(answer.status());
        answer.retryAfterSeconds().ifPresent(s -> response.setHeader("Retry-After", String.valueOf(s)));
        response.setContentType("application/json");
        byte[] body = json(answer.error(), answer.message());
        response.setContentLength(body.length);
        OutputStream out;
        try {
            out = response.getOutputStream();
        } catch (IllegalStateException e) {
            // the writer was taken already (by a servlet that failed): the same bytes through it
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(new String(body, StandardCharsets.UTF_8));
            response.flushBuffer();
            return;
        }
        out.write(body);
        response.flushBuffer();
    }

    /** The envelope's bytes (UTF-8, the JSON default). */
    static byte[] json(String error, String message) {
        return ("{\"success\":false,\"error\":" + quote(error) + ",\"message\":" + quote(message) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return s == null
                ? "null"
                : '"' + new String(JsonStringEncoder.getInstance().quoteAsCharArray(s)) + '"';
    }
}
