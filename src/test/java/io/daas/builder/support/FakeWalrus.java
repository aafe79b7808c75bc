package io.daas.builder.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Walrus aggregator and publisher on 127.0.0.1 for tests, following the HTTP API
 * (https://docs.wal.app/usage/web-api.html): {@code GET /v1/blobs/{id}} and
 * {@code PUT /v1/blobs?epochs=N}. Each blob can be given a behaviour: missing for a few reads,
 * 503, 403, 451, a slow or stalled body, or a body larger than it should be.
 */
public final class FakeWalrus implements AutoCloseable {

    /** How a blob answers reads. */
    public enum Behaviour {
        NORMAL,
        UNAVAILABLE,
        OVER_AGGREGATOR_LIMIT,
        BLOCKED,
        SLOW_BODY,
        STALLED_BODY,
        ENDLESS_BODY
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> missingReads = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private final AtomicInteger puts = new AtomicInteger();
    private volatile int publisherStatus = 200;
    private volatile String lastEpochs;

    private FakeWalrus() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/blobs", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static FakeWalrus start() {
        try {
            return new FakeWalrus();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Stores bytes as the publisher would and returns their blob id. */
    public String put(byte[] data) {
        String id = blobId(data);
        blobs.put(id, data);
        return id;
    }

    /** Stores bytes whose reads behave as given. */
    public String put(byte[] data, Behaviour behaviour) {
        String id = put(data);
        behaviours.put(id, behaviour);
        return id;
    }

    /** Makes the next {@code times} reads of the blob answer 404, as right after an upload. */
    public void missingFor(String blobId, int times) {
        missingReads.put(blobId, new AtomicInteger(times));
    }

    public void behave(String blobId, Behaviour behaviour) {
        behaviours.put(blobId, behaviour);
    }

    /** The status the publisher answers PUTs with: 200, 413 or 504. */
    public void publisherAnswers(int status) {
        publisherStatus = status;
    }

    public int reads(String blobId) {
        return reads.getOrDefault(blobId, new AtomicInteger()).get();
    }

    public int puts() {
        return puts.get();
    }

    public String lastEpochs() {
        return lastEpochs;
    }

    public boolean holds(String blobId) {
        return blobs.containsKey(blobId);
    }

    /** A blob id like Walrus's: 32 bytes in URL-safe base64 without padding. */
    public static String blobId(byte[] data) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(data);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (method.equals("PUT") && path.equals("/v1/blobs")) {
                store(exchange);
            } else if (method.equals("GET") && path.startsWith("/v1/blobs/")) {
                read(exchange, path.substring("/v1/blobs/".length()));
            } else {
                error(exchange, 405, "METHOD_NOT_ALLOWED", "not supported by the fake");
            }
        } catch (IOException e) {
            // the client went away (a stalled or endless body it gave up on)
        }
    }

    private void read(HttpExchange exchange, String id) throws IOException {
        reads.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        AtomicInteger missing = missingReads.get(id);
        byte[] data = blobs.get(id);
        if (data == null || (missing != null && missing.getAndDecrement() > 0)) {
            error(
                    exchange,
                    404,
                    "NOT_FOUND",
                    "the requested blob ID does not exist on Walrus, ensure that it was" + " entered correctly");
            return;
        }
        switch (behaviours.getOrDefault(id, Behaviour.NORMAL)) {
            case UNAVAILABLE -> error(exchange, 503, "UNAVAILABLE", "the blob is temporarily not retrievable");
            case OVER_AGGREGATOR_LIMIT ->
                error(exchange, 403, "PERMISSION_DENIED", "the blob is too large to be" + " served by this aggregator");
            case BLOCKED -> error(exchange, 451, "UNAVAILABLE_FOR_LEGAL_REASONS", "the blob is blocked");
            case SLOW_BODY -> body(exchange, data, 10, 150);
            case STALLED_BODY -> stalled(exchange, data);
            case ENDLESS_BODY -> endless(exchange);
            default -> body(exchange, data, 1, 0);
        }
    }

    /** Sends the body in {@code parts} pieces with a pause before each. */
    private static void body(HttpExchange exchange, byte[] data, int parts, long pauseMs) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, data.length);
        OutputStream out = exchange.getResponseBody();
        int step = Math.max(1, (data.length + parts - 1) / parts);
        for (int off = 0; off < data.length; off += step) {
            pause(pauseMs);
            out.write(data, off, Math.min(step, data.length - off));
            out.flush();
        }
    }

    private static void stalled(HttpExchange exchange, byte[] data) throws IOException {
        exchange.sendResponseHeaders(200, data.length);
        exchange.getResponseBody().write(data, 0, data.length / 2);
        exchange.getResponseBody().flush();
        pause(60_000);
    }

    /** A chunked body with no length that never ends: only the client's size cap stops it. */
    private static void endless(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        byte[] block = new byte[64 * 1024];
        OutputStream out = exchange.getResponseBody();
        for (int i = 0; i < 1_000_000; i++) {
            out.write(block);
        }
    }

    private void store(HttpExchange exchange) throws IOException {
        puts.incrementAndGet();
        lastEpochs = queryParam(exchange, "epochs");
        byte[] data;
        try (InputStream in = exchange.getRequestBody()) {
            data = in.readAllBytes();
        }
        if (publisherStatus == 413) {
            error(exchange, 413, "PAYLOAD_TOO_LARGE", "the blob is too large for this publisher");
            return;
        } else if (publisherStatus == 504) {
            error(exchange, 504, "DEADLINE_EXCEEDED", "timed out waiting for the blob to be certified");
            return;
        }
        String id = blobId(data);
        String json = blobs.putIfAbsent(id, data) == null
                ? "{\"newlyCreated\":{\"blobObject\":{\"id\":\"0x5a1e\",\"registeredEpoch\":1,\"blobId\":\"" + id
                        + "\",\"size\":" + data.length + ",\"encodingType\":\"RS2\",\"certifiedEpoch\":1,"
                        + "\"storage\":{\"id\":\"0x5707\",\"startEpoch\":1,\"endEpoch\":2,\"storageSize\":"
                        + data.length + "},\"deletable\":false},\"resourceOperation\":{\"registerFromScratch\":"
                        + "{\"encodedLength\":" + data.length + ",\"epochsAhead\":1}},\"cost\":132300}}"
                : "{\"alreadyCertified\":{\"blobId\":\"" + id
                        + "\",\"event\":{\"txDigest\":\"4XQH\",\"eventSeq\":\"0\"}," + "\"endEpoch\":2}}";
        send(exchange, 200, json);
    }

    private static String queryParam(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
        }
        return null;
    }

    private static void error(HttpExchange exchange, int code, String status, String message) throws IOException {
        send(
                exchange,
                code,
                "{\"error\":{\"code\":" + code + ",\"status\":\"" + status + "\",\"message\":\"" + message
                        + "\",\"details\":[{\"@type\":\"ErrorInfo\",\"reason\":\"" + status
                        + "\",\"domain\":\"fake.walrus\"}]}}");
    }

    private static void send(HttpExchange exchange, int code, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
