package io.daas.builder.api;

import io.daas.builder.builds.BuildNotFoundException;
import io.daas.builder.builds.BuildNotSuccessfulException;
import io.daas.builder.bundle.BundleNotFoundException;
import io.daas.builder.bundle.BundleTooLargeException;
import io.daas.builder.bundle.InvalidBundleException;
import io.daas.builder.bundle.InvalidBundleIdException;
import io.daas.builder.engine.EngineUnavailableException;
import io.daas.builder.lifecycle.PlanService;
import io.daas.builder.lifecycle.QueueFullException;
import io.daas.builder.registry.InvalidPushTargetException;
import io.daas.builder.registry.LocalImageMissingException;
import io.daas.builder.registry.PushForbiddenException;
import io.daas.builder.registry.PushRejectedException;
import io.daas.builder.registry.RegistryCredentialsRefusedException;
import io.daas.builder.registry.RegistryUnreachableException;
import io.daas.builder.security.OutboundRefusedException;
import io.daas.builder.security.RateLimitExceededException;
import io.daas.builder.security.body.BodyTooSlowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Maps every failure to the JSON error envelope with a status a client can act on. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler({RequestValidationException.class, InvalidBundleIdException.class, OutboundRefusedException.class
    })
    ResponseEntity<ApiError> validation(RuntimeException e) {
        return respond(HttpStatus.BAD_REQUEST, "Validation Error", e.getMessage());
    }

    @ExceptionHandler(InvalidBundleException.class)
    ResponseEntity<ApiError> invalidBundle(InvalidBundleException e) {
        return respond(HttpStatus.BAD_REQUEST, "Invalid Bundle", e.getMessage());
    }

    @ExceptionHandler({
        BuildNotFoundException.class,
        BundleNotFoundException.class,
        PlanService.DockerfileNotChosenException.class,
        NothingRecordedException.class
    })
    ResponseEntity<ApiError> notFound(RuntimeException e) {
        return respond(HttpStatus.NOT_FOUND, "Not Found", e.getMessage());
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ApiError> noEndpoint(Exception e) {
        return respond(HttpStatus.NOT_FOUND, "Not Found", "No such endpoint; see GET /v3/api-docs for the API");
    }

    @ExceptionHandler({BundleTooLargeException.class, MaxUploadSizeExceededException.class})
    ResponseEntity<ApiError> tooLarge(Exception e) {
        String message =
                e instanceof BundleTooLargeException ? e.getMessage() : "Upload is larger than MAX_BUNDLE_SIZE";
        return respond(HttpStatus.CONTENT_TOO_LARGE, "Payload Too Large", message);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        ResponseEntity<ApiError> body = bodyProblem(e);
        if (body != null) {
            return body;
        }
        return respond(
                HttpStatus.BAD_REQUEST,
                "Bad Request",
                "Request body is not valid JSON for this endpoint: "
                        // the parser quotes the bad token, which may be an unquoted password
                        + firstLine(e.getMostSpecificCause().getMessage()).replaceAll("token '[^']*'", "token"));
    }

    @ExceptionHandler({
        MissingServletRequestPartException.class,
        MultipartException.class,
        MissingServletRequestParameterException.class,
        MethodArgumentTypeMismatchException.class
    })
    ResponseEntity<ApiError> badRequest(Exception e) {
        return respond(HttpStatus.BAD_REQUEST, "Bad Request", firstLine(e.getMessage()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported Media Type",
                "Content-Type " + e.getContentType() + " is not supported here; send application/json");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return respond(HttpStatus.NOT_ACCEPTABLE, "Not Acceptable", "This endpoint answers application/json");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return respond(
                HttpStatus.METHOD_NOT_ALLOWED,
                "Method Not Allowed",
                "Method " + e.getMethod() + " is not allowed here; allowed: " + e.getSupportedHttpMethods());
    }

    @ExceptionHandler(QueueFullException.class)
    ResponseEntity<ApiError> queueFull(QueueFullException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", String.valueOf(QueueFullException.RETRY_AFTER_SECONDS))
                .body(ApiError.of("Too Many Requests", e.getMessage()));
    }

    @ExceptionHandler(RateLimitExceededException.class)
    ResponseEntity<ApiError> rateLimited(RateLimitExceededException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", String.valueOf(e.retryAfterSeconds()))
                .body(ApiError.of("Too Many Requests", e.getMessage()));
    }

    @ExceptionHandler(EngineUnavailableException.class)
    ResponseEntity<ApiError> engine(EngineUnavailableException e) {
        return respond(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable", e.getMessage());
    }

    @ExceptionHandler({InvalidPushTargetException.class, BuildNotSuccessfulException.class})
    ResponseEntity<ApiError> pushRequest(RuntimeException e) {
        return respond(HttpStatus.BAD_REQUEST, "Validation Error", e.getMessage());
    }

    @ExceptionHandler(PushForbiddenException.class)
    ResponseEntity<ApiError> pushForbidden(PushForbiddenException e) {
        return respond(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    @ExceptionHandler(RegistryCredentialsRefusedException.class)
    ResponseEntity<ApiError> registryCredentials(RegistryCredentialsRefusedException e) {
        // Not 401: the caller is not unauthenticated here, the registry refused the credentials it sent.
        return respond(HttpStatus.UNPROCESSABLE_CONTENT, "Registry Credentials Refused", e.getMessage());
    }

    @ExceptionHandler(RegistryUnreachableException.class)
    ResponseEntity<ApiError> registryUnreachable(RegistryUnreachableException e) {
        return respond(HttpStatus.BAD_GATEWAY, "Registry Unreachable", e.getMessage());
    }

    @ExceptionHandler(PushRejectedException.class)
    ResponseEntity<ApiError> pushRejected(PushRejectedException e) {
        return respond(HttpStatus.BAD_GATEWAY, "Push Rejected", e.getMessage());
    }

    @ExceptionHandler(LocalImageMissingException.class)
    ResponseEntity<ApiError> imageMissing(LocalImageMissingException e) {
        return respond(HttpStatus.CONFLICT, "Image Missing", e.getMessage());
    }

    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        // the client of a streamed response left; there is nobody to answer
        log.debug("client left a streamed response: {}", e.getMessage());
    }

    @ExceptionHandler(TooManyStreamsException.class)
    ResponseEntity<ApiError> tooManyStreams(TooManyStreamsException e) {
        if (e.tenantLimit()) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Retry-After", "15")
                    .body(ApiError.of("Too Many Requests", e.getMessage()));
        }
        return respond(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        ResponseEntity<ApiError> body = bodyProblem(e);
        if (body != null) {
            return body;
        }
        log.error("unexpected error", e);
        return respond(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal Server Error",
                "The service failed to handle this request; it has been logged");
    }

    /** A request body that came too slowly (408) or stopped short (400): the client's doing, not ours. */
    private static ResponseEntity<ApiError> bodyProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooSlowException) {
                return respond(HttpStatus.REQUEST_TIMEOUT, "Request Timeout", t.getMessage());
            }
            if (t instanceof java.io.EOFException
                    || t.getClass().getSimpleName().equals("ClientAbortException")) {
                log.debug("request body ended early: {}", t.toString());
                return respond(
                        HttpStatus.BAD_REQUEST,
                        "Bad Request",
                        "The request body ended before its announced end (the client closed the connection);"
                                + " send it again");
            }
        }
        return null;
    }

    private static ResponseEntity<ApiError> respond(HttpStatus status, String error, String message) {
        // JSON even to a client that asked for text/event-stream (the log stream): a 404 it can read, not a 406
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of(error, message));
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
