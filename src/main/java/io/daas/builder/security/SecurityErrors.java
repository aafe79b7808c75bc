package io.daas.builder.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.io.JsonStringEncoder;

/** Writes the JSON error envelope from filters, which answer before any controller runs. */
public final class SecurityErrors {

    private SecurityErrors() {}

    public static void write(HttpServletResponse response, int status, String error, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        byte[] body = ("{\"success\":false,\"error\":" + quote(error) + ",\"message\":" + quote(message) + "}")
                .getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    private static String quote(String s) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsCharArray(s)) + '"';
    }
}
