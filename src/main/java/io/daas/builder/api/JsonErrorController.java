package io.daas.builder.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Errors raised outside the controllers (by the servlet container) also answer in JSON. */
@RestController
class JsonErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            // called as a path, not by the container for an error: there is no such endpoint
            code = HttpStatus.NOT_FOUND.value();
        }
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null
                ? HttpStatus.valueOf(i)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        String message = status == HttpStatus.NOT_FOUND
                ? "No such endpoint; see GET /v3/api-docs for the API"
                : "The request could not be handled: " + status.getReasonPhrase();
        return ResponseEntity.status(status).body(ApiError.of(status.getReasonPhrase(), message));
    }
}
