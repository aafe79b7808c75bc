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

    /** "{status} {STATUS}: message" from the error JSON, or the start of the raw body when it is not that JSON. */
    static String describe(int status, String body) {
        String text = body == null ? "" : body.strip();
        try {
            JsonNode error = JSON.readTree(text).path("error");
            if (error.isObject()) {
                String name = error.path("status").asString("");
                String message = error.path("message").asString("");
                return clip(status + (name.isEmpty() ? "" : " " + name) + (message.isEmpty() ? "" : ": " + message));
            }
        } catch (JacksonException e) {
            // not JSON: fall back to the raw text
        }
        return clip(text.isEmpty() ? String.valueOf(status) : status + ": " + text.replaceAll("\\s+", " "));
    }

    private static String clip(String s) {
        return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) + "..." : s;
    }
}
