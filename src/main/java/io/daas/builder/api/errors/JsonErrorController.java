package io.daas.builder.api.errors;

import io.daas.builder.errors.ErrorAnswer;
import io.daas.builder.errors.ErrorEnvelope;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Errors raised outside the controllers (by the servlet container) also answer in JSON. */
@RestController
class JsonErrorController implements ErrorController {

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            // called as a path, not by the container for an error: there is no such endpoint
            code = HttpStatus.NOT_FOUND.value();
        }
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null
                ? HttpStatus.valueOf(i)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        String message = status == HttpStatus.NOT_FOUND
                ? RequestErrors.NO_ENDPOINT
                : "The request could not be handled: " + status.getReasonPhrase();
        ErrorEnvelope.write(response, ErrorAnswer.ofStatus(status.value(), status.getReasonPhrase(), message));
    }
}
