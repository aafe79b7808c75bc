package io.daas.builder.webhook;

import io.daas.builder.config.BuilderProperties;
import io.daas.builder.config.DaemonThreads;
import io.daas.builder.security.OutboundPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** POSTs callback bodies off the build threads, retrying with exponential backoff (1 s, 2 s, 4 s, ...). */
@Component
class WebhookSender implements DisposableBean {

    static final long FIRST_RETRY_MILLIS = 1000;
    static final long MAX_RETRY_MILLIS = 60_000;
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final ScheduledExecutorService scheduler =
            Executors.newScheduledThreadPool(2, DaemonThreads.named("webhook"));
    private final BuilderProperties properties;
    private final OutboundPolicy outbound;

    WebhookSender(BuilderProperties properties, OutboundPolicy outbound) {
        this.properties = properties;
        this.outbound = outbound;
    }

    void send(String url, String buildId, byte[] body) {
        try {
            outbound.checkUrl(URI.create(url));
        } catch (RuntimeException e) {
            log.warn("build {}: callback to {} not sent: {}", buildId, url, e.getMessage());
            return;
        }
        String delivery = UUID.randomUUID().toString();
        scheduler.execute(() -> attempt(url, buildId, body, delivery, 1));
    }

    private void attempt(String url, String buildId, byte[] body, String delivery, int attempt) {
        String problem;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "daas-builder")
                    .header("X-Daas-Event", "build.finished")
                    .header("X-Daas-Delivery", delivery)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (!properties.webhookSecret().isBlank()) {
                request.header(WebhookSigner.HEADER, WebhookSigner.sign(properties.webhookSecret(), body));
            }
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status / 100 == 2) {
                log.info("build {}: callback delivered to {} (attempt {})", buildId, url, attempt);
                return;
            }
            problem = "HTTP " + status;
        } catch (IOException | RuntimeException e) {
            problem = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (attempt >= properties.webhookAttempts()) {
            log.warn("build {}: callback to {} failed {} times, giving up ({})", buildId, url, attempt, problem);
            return;
        }
        long delay = Math.min(MAX_RETRY_MILLIS, FIRST_RETRY_MILLIS << (attempt - 1));
        log.info("build {}: callback to {} failed ({}), retry in {} ms", buildId, url, problem, delay);
        scheduler.schedule(() -> attempt(url, buildId, body, delivery, attempt + 1), delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
