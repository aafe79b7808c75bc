package io.daas.builder.api;

import io.swagger.v3.oas.annotations.Hidden;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * {@code GET /}: what the original service answered there (name, version, status and its
 * endpoints), read from the mappings themselves so the list never drifts. Not part of the API
 * description, and open without a token: it says nothing a README does not.
 */
@Hidden
@RestController
class ServiceInfoController {

    static final String NAME = "DAAS Docker Builder";

    private final String version;
    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private volatile List<String> endpoints;

    ServiceInfoController(
            ObjectProvider<BuildProperties> build, ObjectProvider<RequestMappingHandlerMapping> mappings) {
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "unknown" : properties.getVersion();
        this.mappings = mappings;
    }

    record Info(
            boolean success,
            String service,
            String version,
            String status,
            Instant timestamp,
            List<String> endpoints,
            String documentation) {}

    @GetMapping(path = "/", produces = MediaType.APPLICATION_JSON_VALUE)
    Info info() {
        return new Info(true, NAME, version, "running", Instant.now(), endpoints(), "/swagger-ui.html");
    }

    private List<String> endpoints() {
        List<String> list = endpoints;
        if (list == null) {
            list = mappings.orderedStream()
                    .flatMap(m -> m.getHandlerMethods().keySet().stream())
                    .flatMap(ServiceInfoController::describe)
                    .distinct()
                    .sorted(Comparator.comparing((String e) -> e.substring(e.indexOf(' ') + 1))
                            .thenComparing(Comparator.naturalOrder()))
                    .toList();
            endpoints = list;
        }
        return list;
    }

    /** "METHOD /path" for each path and method of a mapping (GET when it names none). */
    private static Stream<String> describe(RequestMappingInfo info) {
        List<String> methods = info.getMethodsCondition().getMethods().stream()
                .map(String::valueOf)
                .toList();
        return info.getPatternValues().stream()
                .filter(path -> !path.equals("/") && !path.equals("/error"))
                .flatMap(path ->
                        (methods.isEmpty() ? List.of("GET") : methods).stream().map(method -> method + " " + path));
    }
}
