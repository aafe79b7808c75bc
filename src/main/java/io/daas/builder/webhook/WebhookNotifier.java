package io.daas.builder.webhook;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildEvents;
import io.daas.builder.builds.BuildFigures;
import io.daas.builder.config.BuilderProperties;
import io.daas.builder.lifecycle.BuildService;
import io.daas.builder.lifecycle.BuildTracker;
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
public class WebhookNotifier implements BuildEvents {

    private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);

    private final WebhookRepository repository;
    private final WebhookSender sender;
    private final BuildService builds;
    private final BuildTracker tracker;
    private final ObjectMapper json;

    WebhookNotifier(
            WebhookRepository repository,
            WebhookSender sender,
            BuildService builds,
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
        Build build = builds.get(buildId);
        if (build.status().isFinal()) {
            deliver(build, tracker.figures(buildId));
        }
    }

    @Override
    public void finished(Build build, BuildFigures figures) {
        deliver(build, figures);
    }

    @EventListener(ApplicationReadyEvent.class)
    void sendLeftOvers() {
        for (String id : repository.unsentOfEndedBuilds()) {
            deliver(builds.get(id), tracker.figures(id));
        }
    }

    private void deliver(Build build, BuildFigures figures) {
        repository.claim(build.id()).ifPresent(url -> sender.send(url, build.id(), body(build, figures)));
    }

    private byte[] body(Build b, BuildFigures f) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("buildId", b.id());
        data.put("bundleId", b.bundleId());
        data.put("status", b.status().wireName());
        data.put("progress", b.progress());
        data.put("currentStep", b.currentStep());
        data.put("error", b.error());
        data.put("imageId", b.imageId());
        data.put("imageTag", b.imageTag());
        data.put("size", b.size());
        data.put("startTime", b.createdAt() == null ? null : b.createdAt().toString());
        data.put("buildStartTime", b.startedAt() == null ? null : b.startedAt().toString());
        data.put("endTime", b.endedAt() == null ? null : b.endedAt().toString());
        data.put("phases", f.phaseMillis());
        data.put("peakMemoryBytes", f.peakMemoryBytes());
        data.put("peakCpuPercent", f.peakCpuPercent());
        data.put("logTruncated", f.logTruncated());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "build.finished");
        event.put("data", data);
        return json.writeValueAsBytes(event);
    }
}
