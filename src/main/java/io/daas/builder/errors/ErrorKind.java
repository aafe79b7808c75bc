package io.daas.builder.errors;

/**
 * What went wrong, as the API answers it: the one place that maps a kind of failure to its HTTP
 * status and the {@code error} title of the envelope. Kinds whose message is not for the client
 * answer a fixed message and are logged instead.
 */
public enum ErrorKind {
    /** A request field breaks a rule; the message names the field and the rule. */
    INVALID_REQUEST(400, "Validation Error"),
    /** A bundle (or its project files) cannot be used; the message names the entry or field. */
    INVALID_BUNDLE(400, "Invalid Bundle"),
    /** The request itself is malformed: unreadable JSON, a missing part or parameter, a body cut short. */
    BAD_REQUEST(400, "Bad Request"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not Found"),
    METHOD_NOT_ALLOWED(405, "Method Not Allowed"),
    NOT_ACCEPTABLE(406, "Not Acceptable"),
    REQUEST_TIMEOUT(408, "Request Timeout"),
    /** The image to push is gone from the engine. */
    IMAGE_MISSING(409, "Image Missing"),
    TOO_LARGE(413, "Payload Too Large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type"),
    /** The registry refused the credentials the request sent (not 401: the caller is authenticated). */
    REGISTRY_CREDENTIALS_REFUSED(422, "Registry Credentials Refused"),
    /** A limit or a queue is full; the answer says when to try again. */
    LIMIT_REACHED(429, "Too Many Requests"),
    REGISTRY_UNREACHABLE(502, "Registry Unreachable"),
    PUSH_REJECTED(502, "Push Rejected"),
    UNAVAILABLE(503, "Service Unavailable"),
    /**
     * Another service (Walrus) failed where no answer was designed for it: answered like any
     * unexpected failure, as before the error model (a 502 would be a contract change).
     */
    UPSTREAM_FAILURE(500, "Internal Server Error", false),
    /** The engine failed an image operation where no answer was designed for it: as unexpected. */
    ENGINE_FAILURE(500, "Internal Server Error", false),
    /** A failure nobody foresaw. */
    INTERNAL(500, "Internal Server Error", false);

    /** What the client reads for a kind whose own message stays in the log. */
    public static final String INTERNAL_MESSAGE = "The service failed to handle this request; it has been logged";

    private final int status;
    private final String title;
    private final boolean messageShown;

    ErrorKind(int status, String title) {
        this(status, title, true);
    }

    ErrorKind(int status, String title, boolean messageShown) {
        this.status = status;
        this.title = title;
        this.messageShown = messageShown;
    }

    public int status() {
        return status;
    }

    /** The {@code error} field of the envelope. */
    public String title() {
        return title;
    }

    /** Whether the client gets the failure's own message, or {@link #INTERNAL_MESSAGE} while it is logged. */
    public boolean messageShown() {
        return messageShown;
    }
}
