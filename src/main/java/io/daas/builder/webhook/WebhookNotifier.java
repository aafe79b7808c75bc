package io.daas.builder.webhook;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildFinished;
import io.daas.builder.builds.BuildMeasurements;
import io.daas.builder.builds.BuildNotFoundException;
import io.daas.builder.builds.BuildRepository;
import io.daas.builder.builds.BuildView;
import io.daas.builder.config.BuilderProperties;
import io.daas.builder.execution.BuildTracker;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Tells a build's {@code callbackUrl} when the build ends: a POST of the final build record,
 * signed with WEBHOOK_SECRET, sent once (a database claim guards against sending twice).
 */
@Component
public class WebhookNotifier {

    private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);

    private final WebhookRepository repository;
    private final WebhookSender sender;
    private final BuildRepository builds;
    private final BuildTracker tracker;
    private final ObjectMapper json;

    WebhookNotifier(
            WebhookRepository repository,
            WebhookSender sender,
            BuildRepository builds,
            BuildTracker tracker,
            ObjectMapper json,
            BuilderProperties properties) {
        this.repository = repository;
        this.sender = sender;
        this.builds = builds;
        this.tracker = tracker;
        this.json = json;
        if (properties.webhookSecret().isBlank()) {
            log.warn("WEBHOOK_SECRET is not set: build callbacks are sent without a signature");
        }
    }

    /** Checks that a callback URL is one the service can call: absolute http(s) with a host. */
    public static void validate(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("callbackUrl is not a valid URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("callbackUrl must be an absolute http or https URL");
        }
    }

    /** Remembers where to report a build's end; a build that already ended is reported now. */
    public void register(String buildId, String url) {
        validate(url);
        repository.insert(buildId, url);
        Build build = builds.find(buildId).orElseThrow(() -> new BuildNotFoundException(buildId));
        if (build.status().isFinal()) {
            deliver(build, tracker.figures(buildId));
        }
    }

    @EventListener
    void finished(BuildFinished finished) {
        try {
            deliver(finished.build(), finished.figures());
        } catch (RuntimeException e) {
            // the build's other listeners still hear of it; an unsent callback is sent at the next start
            log.warn("callback of build {} not sent", finished.build().id(), e);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void sendLeftOvers() {
        for (String id : repository.unsentOfEndedBuilds()) {
            deliver(builds.find(id).orElseThrow(() -> new BuildNotFoundException(id)), tracker.figures(id));
        }
    }

    private void deliver(Build build, BuildMeasurements figures) {
        repository.claim(build.id()).ifPresent(url -> sender.send(url, build.id(), body(build, figures)));
    }

    private byte[] body(Build b, BuildMeasurements f) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "build.finished");
        event.put("data", BuildView.of(b, null, null, f).finishedEvent());
        return json.writeValueAsBytes(event);
    }
}
