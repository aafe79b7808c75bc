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

/** One attempt to read a blob: maps the aggregator's status, then streams the body to a file, capped. */
final class BlobDownload {

    private final String blobId;
    private final long maxSize;

    BlobDownload(String blobId, long maxSize) {
        this.blobId = blobId;
        this.maxSize = maxSize;
    }

    long run(URI uri, Duration timeout, Path file) throws RetryableReadException {
        HttpURLConnection c = null;
        try {
            c = WalrusClient.open(uri, "GET", timeout);
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
