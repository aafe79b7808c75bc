package io.daas.builder.walrus;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an HTTP error answer of Walrus into one line for a user. Walrus errors look like
 * {@code {"error":{"code":404,"status":"NOT_FOUND","message":"...","details":[...]}}}.
 */
final class WalrusErrorMessage {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_LENGTH = 300;

    private WalrusErrorMessage() {}

    /**
     * "{status} {STATUS}: message" from Walrus's error JSON; any other body is not shown (it may be
     * whatever an internal server answered), only its size.
     */
    static String describe(int status, String body) {
        String text = body == null ? "" : body.strip();
        try {
            JsonNode error = JSON.readTree(text).path("error");
            if (error.isObject()) {
                String name = error.path("status").asString("");
                String message = error.path("message").asString("");
                return clip(printable(
                        status + (name.isEmpty() ? "" : " " + name) + (message.isEmpty() ? "" : ": " + message)));
            }
        } catch (JacksonException e) {
            // not JSON: not Walrus's error either
        }
        return text.isEmpty()
                ? String.valueOf(status)
                : status + " (an answer of " + text.length() + " characters that is not a Walrus error; not shown)";
    }

    private static String printable(String s) {
        return s.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]+", " ");
    }

    private static String clip(String s) {
        return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) + "..." : s;
    }
}
