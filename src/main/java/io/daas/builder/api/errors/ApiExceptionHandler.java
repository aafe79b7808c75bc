package io.daas.builder.api.errors;

import io.daas.builder.errors.ErrorAnswer;
import io.daas.builder.errors.ErrorEnvelope;
import io.daas.builder.errors.ErrorKind;
import io.daas.builder.errors.ServiceException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Answers every failure of a controller with the error envelope: a {@link ServiceException} with its
 * kind's status and title, Spring MVC's own request errors through {@link RequestErrors}, anything
 * else as a logged 500.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ServiceException.class)
    void service(ServiceException e, HttpServletResponse response) throws IOException {
        if (!e.kind().messageShown()) {
            unexpected(e, response);
            return;
        }
        ErrorEnvelope.write(response, ErrorAnswer.of(e));
    }

    @ExceptionHandler({
        HttpMessageNotReadableException.class,
        MissingServletRequestPartException.class,
        MultipartException.class,
        MissingServletRequestParameterException.class,
        MethodArgumentTypeMismatchException.class,
        HttpMediaTypeNotSupportedException.class,
        HttpMediaTypeNotAcceptableException.class,
        HttpRequestMethodNotSupportedException.class,
        NoResourceFoundException.class,
        NoHandlerFoundException.class
    })
    void request(Exception e, HttpServletResponse response) throws IOException {
        ErrorEnvelope.write(response, RequestErrors.answer(e));
    }

    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        // the client of a streamed response left; there is nobody to answer
        log.debug("client left a streamed response: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    void unexpected(Exception e, HttpServletResponse response) throws IOException {
        ErrorAnswer body = RequestErrors.bodyProblem(e);
        if (body == null) {
            log.error("unexpected error", e);
            body = ErrorAnswer.of(ErrorKind.INTERNAL, null);
        }
        ErrorEnvelope.write(response, body);
    }
}
