package io.daas.builder.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the running service, the way a user's code calls it. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> FINAL = Set.of("success", "failed", "cancelled");

    private final String base;
    private final String token;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Consumer<Response> listener = r -> {};

    public Api(String base) {
        this(base, null);
    }

    private Api(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The same client sending {@code Authorization: Bearer <token>} on every request. */
    public Api withToken(String bearerToken) {
        return new Api(base, bearerToken);
    }

    /** Any request: method, path, extra headers (name, value, ...) and a body (or null). */
    public Response request(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    public Api(int port) {
        this("http://127.0.0.1:" + port);
    }

    /** Hands every response to {@code listener} as well, e.g. to check that none carries a secret. */
    public Api onResponse(Consumer<Response> listener) {
        this.listener = listener;
        return this;
    }

    /** A response: status, raw body and the body as JSON (null when it is not JSON). */
    public record Response(int status, String body, JsonNode json, HttpResponse<String> raw) {
        public String text(String field) {
            JsonNode n = json.path(field);
            return n.isNull() || n.isMissingNode() ? null : n.asString();
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    public Response postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response postBytes(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Uploads a bundle and returns its id. */
    public String upload(byte[] bundle) {
        Response r = postBytes("/api/docker/bundles", "application/gzip", bundle);
        if (r.status() != 201) {
            throw new AssertionError("upload failed: " + r.status() + " " + r.body());
        }
        return r.text("bundleId");
    }

    /** Starts a build of a bundle with the given buildOptions JSON (or null) and returns the build id. */
    public String startBuild(String bundleId, String buildOptionsJson) {
        String body = "{\"bundleId\":\"" + bundleId + "\""
                + (buildOptionsJson == null ? "" : ",\"buildOptions\":" + buildOptionsJson) + "}";
        Response r = postJson("/api/docker/build", body);
        if (r.status() != 202) {
            throw new AssertionError("build not started: " + r.status() + " " + r.body());
        }
        return r.text("buildId");
    }

    /** Polls a build until it ends; returns its {@code data} (still running when the timeout is over). */
    public JsonNode awaitEnd(String buildId, Duration timeout) {
        try {
            return Poll.every(Duration.ofMillis(100), timeout)
                    .until(
                            () -> data(buildId),
                            d -> FINAL.contains(d.path("status").asString()));
        } catch (ConditionTimeoutException e) {
            return data(buildId);
        }
    }

    /** Polls a build until it has the given status, or fails after the timeout. */
    public JsonNode awaitStatus(String buildId, String status, Duration timeout) {
        return await(
                buildId, "became " + status, d -> status.equals(d.path("status").asString()), timeout);
    }

    /** Polls a build until its currentStep contains {@code step}, or fails after the timeout. */
    public JsonNode awaitStep(String buildId, String step, Duration timeout) {
        return await(
                buildId,
                "reached " + step,
                d -> d.path("currentStep").asString("").contains(step),
                timeout);
    }

    /** Polls a build's {@code data} until {@code until} holds, or fails after the timeout saying what never happened. */
    public JsonNode await(String buildId, String what, Predicate<JsonNode> until, Duration timeout) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            return Poll.every(Duration.ofMillis(100), timeout)
                    .until(
                            () -> {
                                last.set(data(buildId));
                                return last.get();
                            },
                            until);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("build " + buildId + " never " + what + ": " + last.get());
        }
    }

    private JsonNode data(String buildId) {
        return get("/api/docker/build/" + buildId).json().path("data");
    }

    private Response send(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r =
                    http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = JSON.readTree(r.body());
            } catch (RuntimeException e) {
                // not JSON: callers that expect JSON fail on json == null
            }
            Response response = new Response(r.statusCode(), r.body(), json, r);
            listener.accept(response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }
}
