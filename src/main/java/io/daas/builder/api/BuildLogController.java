package io.daas.builder.api;

import io.daas.builder.errors.InvalidRequest;
import io.daas.builder.lifecycle.ScopedLog;
import io.daas.builder.lifecycle.TenantScopes;
import io.daas.builder.logs.LogChunk;
import io.daas.builder.logs.NumberedLine;
import io.daas.builder.security.Caller;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A build's log: live as Server-Sent Events, or whole as plain text with {@code ?follow=false}. Both
 * read it through the caller's {@link io.daas.builder.build.TenantScope}: another tenant's build is 404.
 */
@RestController
@RequestMapping("/api/docker")
class BuildLogController {

    private static final int TEXT_PAGE = 5000;

    private final TenantScopes scopes;
    private final LogStreams streams;

    BuildLogController(TenantScopes scopes, LogStreams streams) {
        this.scopes = scopes;
        this.streams = streams;
    }

    /**
     * Replays the lines after {@code Last-Event-ID} (or {@code ?since=N}), follows new ones, and
     * ends with a {@code status} event once the build has ended.
     */
    @GetMapping("/build/{id}/logs")
    SseEmitter stream(
            @PathVariable String id,
            @RequestParam(required = false) Long since,
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            HttpServletResponse response) {
        ScopedLog log = scopes.of(caller).log(id);
        long after = after(since, lastEventId);
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        return streams.open(log, after);
    }

    /** The log as it is now, one line per line. */
    @GetMapping(value = "/build/{id}/logs", params = "follow=false")
    void text(
            @PathVariable String id,
            @RequestParam(required = false) Long since,
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            HttpServletResponse response)
            throws IOException {
        ScopedLog log = scopes.of(caller).log(id);
        response.setContentType(MediaType.TEXT_PLAIN_VALUE + ";charset=UTF-8");
        PrintWriter out = response.getWriter();
        long after = after(since, lastEventId);
        while (true) {
            LogChunk chunk = log.read(after, TEXT_PAGE);
            for (NumberedLine line : chunk.lines()) {
                out.append(line.text()).append('\n');
            }
            if (chunk.lines().size() < TEXT_PAGE) {
                break;
            }
            after = chunk.lines().get(chunk.lines().size() - 1).seq();
        }
        out.flush();
    }

    private static long after(Long since, String lastEventId) {
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                return Math.max(0, Long.parseLong(lastEventId.trim()));
            } catch (NumberFormatException e) {
                throw new InvalidRequest("Last-Event-ID must be a line number from this stream");
            }
        }
        return since == null ? 0 : Math.max(0, since);
    }
}
