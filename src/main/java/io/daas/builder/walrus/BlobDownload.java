package io.daas.builder.walrus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One attempt to read a blob: maps the aggregator's status, then streams the body to a file, capped.
 * A redirect is followed (at most {@link #MAX_REDIRECTS}) only to where the outbound policy allows.
 */
final class BlobDownload {

    static final int MAX_REDIRECTS = 3;

    private final String blobId;
    private final long maxSize;
    private final Consumer<URI> allowed;

    /** @param allowed throws when the outbound policy refuses a URI (a redirect's target) */
    BlobDownload(String blobId, long maxSize, Consumer<URI> allowed) {
        this.blobId = blobId;
        this.maxSize = maxSize;
        this.allowed = allowed;
    }

    long run(URI first, Duration timeout, Path file) throws RetryableReadException {
        HttpURLConnection c = null;
        URI uri = first;
        try {
            for (int redirects = 0; ; redirects++) {
                c = WalrusClient.open(uri, "GET", timeout);
                int status = c.getResponseCode();
                if (status < 300 || status > 399 || status == 304) {
                    break;
                }
                uri = redirectTarget(c, uri, status, redirects);
                c.disconnect();
                c = null;
            }
            int status = c.getResponseCode();
            if (status == 200) {
                return copy(c, file);
            }
            String error = WalrusErrorMessage.describe(status, WalrusClient.body(c));
            switch (status) {
                case 404 -> throw new RetryableReadException("the aggregator answered " + error, true);
                case 403 ->
                    throw new BlobTooLargeException("Blob " + blobId + " is over the Walrus aggregator's size limit ("
                            + error + "); store a smaller bundle");
                case 451 ->
                    throw new WalrusException("Blob " + blobId + " is blocked by the Walrus aggregator (" + error
                            + ") and cannot be built");
                default -> {
                    if (status >= 500 || status == 408 || status == 429) {
                        throw new RetryableReadException("the aggregator answered " + error, false);
                    }
                    throw new WalrusException("Walrus aggregator refused blob " + blobId + ": " + error);
                }
            }
        } catch (SocketTimeoutException e) {
            throw new RetryableReadException("the aggregator did not answer in time (" + e.getMessage() + ")", false);
        } catch (IOException e) {
            throw new RetryableReadException("the aggregator could not be reached (" + e + ")", false);
        } finally {
            if (c != null) {
                c.disconnect();
            }
        }
    }

    /** Where a redirect points, once the outbound policy allows it; else a failure that says why. */
    private URI redirectTarget(HttpURLConnection c, URI from, int status, int redirects) {
        String location = c.getHeaderField("Location");
        if (redirects >= MAX_REDIRECTS || location == null || location.isBlank()) {
            throw new WalrusException("Walrus aggregator answered blob " + blobId + " with a redirect (" + status + ")"
                    + (location == null ? " without a Location" : " past " + MAX_REDIRECTS + " redirects")
                    + "; set WALRUS_AGGREGATOR to the address that serves blobs");
        }
        URI target;
        try {
            target = from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new WalrusException("Walrus aggregator redirected blob " + blobId + " to an invalid address;"
                    + " set WALRUS_AGGREGATOR to the address that serves blobs");
        }
        allowed.accept(target);
        return target;
    }

    private long copy(HttpURLConnection c, Path file) throws IOException {
        long declared = c.getContentLengthLong();
        if (declared > maxSize) {
            throw tooLarge();
        }
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = c.getInputStream();
                OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > maxSize) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    private BlobTooLargeException tooLarge() {
        return new BlobTooLargeException("Blob " + blobId + " is larger than the limit of " + maxSize
                + " bytes (MAX_BUNDLE_SIZE); store a smaller bundle, without node_modules, build output and .git");
    }
}
