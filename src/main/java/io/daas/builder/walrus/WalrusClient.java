package io.daas.builder.walrus;

import io.daas.builder.config.BuilderProperties;
import io.daas.builder.config.WalrusSettings;
import io.daas.builder.metrics.BuilderMetrics;
import io.daas.builder.security.OutboundPolicy;
import io.daas.builder.security.OutboundRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongConsumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.stereotype.Component;

/**
 * Reads blobs from a Walrus aggregator ({@code GET /v1/blobs/{id}}) straight to disk, retrying
 * 404, 5xx and timeouts within WALRUS_FETCH_TIMEOUT, and stores blobs through a publisher
 * ({@code PUT /v1/blobs?epochs=N}). See https://docs.wal.app/usage/web-api.html.
 */
@Component
public class WalrusClient {

    private static final Duration STORE_TIMEOUT = Duration.ofMinutes(2);

    private final WalrusSettings settings;
    private final long maxBlobSize;
    private final Duration idleTimeout;
    private final OutboundPolicy outbound;
    private final Clock clock = Clock.systemUTC();
    /** Told the size of each blob read in full (daas_walrus_downloaded_bytes_total). */
    private LongConsumer downloaded = bytes -> {};

    @Autowired
    WalrusClient(BuilderProperties properties, OutboundPolicy outbound, BuilderMetrics metrics) {
        this(properties.walrus(), properties.maxBundleSize(), outbound);
        this.downloaded = metrics.walrusBytesDownloaded()::increment;
    }

    WalrusClient(WalrusSettings settings, long maxBlobSize) {
        this(settings, maxBlobSize, null);
    }

    WalrusClient(WalrusSettings settings, long maxBlobSize, OutboundPolicy outbound) {
        this.outbound = outbound;
        this.settings = settings;
        this.maxBlobSize = maxBlobSize;
        // a stalled answer counts as a timeout well before the whole budget is spent, so it is retried
        this.idleTimeout = max(Duration.ofSeconds(1), settings.fetchTimeout().dividedBy(3));
    }

    /**
     * Streams blob {@code blobId} into {@code file} (replacing it) and returns its size. Throws
     * {@link BlobNotFoundException}, {@link BlobTooLargeException} or {@link WalrusException}.
     */
    public long read(String blobId, Path file) {
        allowed(blobUri(blobId), "WALRUS_AGGREGATOR");
        RetryPolicy policy = RetryPolicy.builder()
                .predicate(RetryableReadException.class::isInstance)
                .backOff(new DeadlineBackOff(clock.instant().plus(settings.fetchTimeout()), clock))
                .build();
        try {
            long size = new RetryTemplate(policy).execute(new Retryable<Long>() {
                @Override
                public Long execute() throws RetryableReadException {
                    return new BlobDownload(blobId, maxBlobSize, uri -> allowed(uri, "WALRUS_AGGREGATOR"))
                            .run(blobUri(blobId), idleTimeout, file);
                }

                @Override
                public String getName() {
                    return "read of Walrus blob " + blobId;
                }
            });
            downloaded.accept(size);
            return size;
        } catch (RetryException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new WalrusException("Reading from Walrus was interrupted (the service is stopping)", e);
            }
            if (e.getLastException() instanceof RetryableReadException last) {
                throw gaveUp(blobId, e.getExceptions().size(), last);
            }
            if (e.getLastException() instanceof RuntimeException notRetried) {
                throw notRetried; // too large, blocked, refused, a redirect not allowed: said at once
            }
            if (e.getLastException() instanceof Error error) {
                throw error;
            }
            throw new WalrusException("Blob " + blobId + " could not be read from Walrus: " + e.getMessage(), e);
        }
    }

    /** Stores the file as a blob for WALRUS_EPOCHS epochs and returns Walrus's blob id. */
    public StoredBlob store(Path file) {
        URI uri = URI.create(base(settings.publisher()) + "/v1/blobs?epochs=" + settings.epochs());
        allowed(uri, "WALRUS_PUBLISHER");
        try {
            HttpURLConnection c = open(uri, "PUT", STORE_TIMEOUT);
            try {
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(Files.size(file));
                c.setRequestProperty("Content-Type", "application/octet-stream");
                try (OutputStream out = c.getOutputStream()) {
                    Files.copy(file, out);
                }
                return PublisherAnswer.parse(c.getResponseCode(), body(c));
            } finally {
                c.disconnect();
            }
        } catch (SocketTimeoutException e) {
            throw new WalrusException("Walrus publisher " + settings.publisher() + " did not answer within "
                    + STORE_TIMEOUT.toSeconds() + " s while storing the bundle; try again later");
        } catch (IOException e) {
            throw new WalrusException(
                    "Walrus publisher " + settings.publisher() + " could not be reached (" + e.getMessage() + ")", e);
        }
    }

    /** Walrus is reached only where the outbound policy allows (no metadata or private addresses). */
    private void allowed(URI uri, String setting) {
        if (outbound == null) {
            return;
        }
        try {
            outbound.checkUrl(uri);
        } catch (OutboundRefusedException e) {
            throw new WalrusException("Walrus at " + uri.getHost() + " may not be reached: " + e.getMessage()
                    + "; check " + setting + " (redirects are followed only where the same policy allows)");
        }
    }

    private WalrusException gaveUp(String blobId, int attempts, RetryableReadException last) {
        String tried = " (" + attempts + (attempts == 1 ? " try" : " tries") + " over "
                + settings.fetchTimeout().toSeconds() + " s, aggregator " + settings.aggregator() + ")";
        if (last.notFound()) {
            return new BlobNotFoundException("Blob " + blobId + " not found in Walrus storage" + tried
                    + "; check the blob id and that its storage epochs have not ended");
        }
        return new WalrusException("Blob " + blobId + " could not be read from Walrus: " + last.getMessage() + tried
                + "; try again later, or check WALRUS_AGGREGATOR");
    }

    private URI blobUri(String blobId) {
        return URI.create(base(settings.aggregator()) + "/v1/blobs/" + blobId);
    }

    static HttpURLConnection open(URI uri, String method, Duration timeout) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout((int) Math.min(timeout.toMillis(), 10_000));
        // a read timeout bounds every wait for bytes, so a stalled body fails too (java.net.http has none)
        c.setReadTimeout((int) timeout.toMillis());
        c.setUseCaches(false);
        // redirects only through the outbound policy: BlobDownload follows them itself, store() not at all
        c.setInstanceFollowRedirects(false);
        return c;
    }

    /** The body of an answer (error or not), at most 64 KiB of it. */
    static String body(HttpURLConnection c) throws IOException {
        InputStream in = c.getResponseCode() >= 400 ? c.getErrorStream() : c.getInputStream();
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        }
    }

    private static String base(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
