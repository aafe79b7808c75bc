package io.daas.builder.api.errors;

import io.daas.builder.errors.ErrorAnswer;
import io.daas.builder.errors.ErrorKind;
import io.daas.builder.security.body.BodyTooSlowException;
import java.io.EOFException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** The answers to Spring MVC's own request errors (no such endpoint, wrong method or media type, bad JSON). */
final class RequestErrors {

    private static final Logger log = LoggerFactory.getLogger(RequestErrors.class);

    static final String NO_ENDPOINT = "No such endpoint; see GET /v3/api-docs for the API";

    private RequestErrors() {}

    static ErrorAnswer answer(Exception e) {
        if (e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException) {
            return ErrorAnswer.of(ErrorKind.NOT_FOUND, NO_ENDPOINT);
        }
        if (e instanceof MaxUploadSizeExceededException) {
            return ErrorAnswer.of(ErrorKind.TOO_LARGE, "Upload is larger than MAX_BUNDLE_SIZE");
        }
        if (e instanceof HttpMessageNotReadableException unreadable) {
            ErrorAnswer body = bodyProblem(e);
            return body != null
                    ? body
                    : ErrorAnswer.of(
                            ErrorKind.BAD_REQUEST,
                            "Request body is not valid JSON for this endpoint: "
                                    // the parser quotes the bad token, which may be an unquoted password
                                    + firstLine(unreadable
                                                    .getMostSpecificCause()
                                                    .getMessage())
                                            .replaceAll("token '[^']*'", "token"));
        }
        if (e instanceof HttpMediaTypeNotSupportedException media) {
            return ErrorAnswer.of(
                    ErrorKind.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type " + media.getContentType() + " is not supported here; send application/json");
        }
        if (e instanceof HttpMediaTypeNotAcceptableException) {
            return ErrorAnswer.of(ErrorKind.NOT_ACCEPTABLE, "This endpoint answers application/json");
        }
        if (e instanceof HttpRequestMethodNotSupportedException method) {
            return ErrorAnswer.of(
                    ErrorKind.METHOD_NOT_ALLOWED,
                    "Method " + method.getMethod() + " is not allowed here; allowed: "
                            + method.getSupportedHttpMethods());
        }
        // a missing part or parameter, a broken multipart body, a parameter of the wrong type
        return ErrorAnswer.of(ErrorKind.BAD_REQUEST, firstLine(e.getMessage()));
    }

    /** A request body that came too slowly (408) or stopped short (400): the client's doing, not ours. */
    static ErrorAnswer bodyProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooSlowException) {
                return ErrorAnswer.of(ErrorKind.REQUEST_TIMEOUT, t.getMessage());
            }
            if (t instanceof EOFException || t.getClass().getSimpleName().equals("ClientAbortException")) {
                log.debug("request body ended early: {}", t.toString());
                return ErrorAnswer.of(
                        ErrorKind.BAD_REQUEST,
                        "The request body ended before its announced end (the client closed the connection);"
                                + " send it again");
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
