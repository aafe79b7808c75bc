package io.daas.builder.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Pushes a DSSE envelope beside an image the way cosign attaches attestations: an OCI image
 * manifest tagged {@code sha256-<image manifest hex>.att} in the image's repository, whose one
 * layer ({@code application/vnd.dsse.envelope.v1+json}) is the envelope. Speaks the OCI
 * distribution API directly (the engine cannot push an artifact): blob upload by POST then PUT,
 * manifest by PUT; basic auth, or a bearer token from the registry's challenge.
 */
@Component
public class AttestationPusher {

    static final String DSSE_MEDIA_TYPE = "application/vnd.dsse.envelope.v1+json";
    private static final Pattern CHALLENGE_PART = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    /** The tag cosign gives an image's attestations. */
    public static String tagFor(String imageManifestDigest) {
        return imageManifestDigest.replace(':', '-') + ".att";
    }

    /**
     * Pushes the envelope as the attestation of the image with {@code imageManifestDigest} in the
     * target's repository; returns the attestation's reference and manifest digest.
     *
     * @throws PushRejectedException when the registry refuses or cannot be reached
     */
    public PushedImage push(PushTarget target, String imageManifestDigest, byte[] envelope, String predicateType) {
        Session s = new Session(target);
        String config = "{\"architecture\":\"\",\"config\":{},\"created\":\"0001-01-01T00:00:00Z\","
                + "\"history\":[{\"created\":\"0001-01-01T00:00:00Z\"}],\"os\":\"\",\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[\"" + digest(envelope) + "\"]}}";
        byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
        s.uploadBlob(envelope);
        s.uploadBlob(configBytes);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":"
                + configBytes.length + ",\"digest\":\"" + digest(configBytes) + "\"},"
                + "\"layers\":[{\"mediaType\":\"" + DSSE_MEDIA_TYPE + "\",\"size\":" + envelope.length
                + ",\"digest\":\"" + digest(envelope) + "\",\"annotations\":{\"predicateType\":\"" + predicateType
                + "\"}}]}";
        byte[] manifestBytes = manifest.getBytes(StandardCharsets.UTF_8);
        String tag = tagFor(imageManifestDigest);
        s.send(
                HttpRequest.newBuilder(s.uri("/manifests/" + tag))
                        .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifestBytes)),
                201,
                "putting the attestation manifest");
        return new PushedImage(target.repositoryReference() + ":" + tag, digest(manifestBytes));
    }

    static String digest(byte[] bytes) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One push's requests to one repository, with the authorisation the registry asked for. */
    private final class Session {

        private final PushTarget target;
        private final String base;
        private String authorization;

        Session(PushTarget target) {
            this.target = target;
            this.base = scheme(target.registry()) + "://" + target.registry() + "/v2/" + target.namespace() + "/"
                    + target.repository();
            RegistryCredentials c = target.credentials();
            this.authorization = c.isAnonymous() ? null : basic(c);
        }

        URI uri(String path) {
            return URI.create(base + path);
        }

        void uploadBlob(byte[] blob) {
            String digest = digest(blob);
            HttpResponse<String> head = send(
                    HttpRequest.newBuilder(uri("/blobs/" + digest)).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                    -1,
                    "checking a blob");
            if (head.statusCode() == 200) {
                return;
            }
            HttpResponse<String> started = send(
                    HttpRequest.newBuilder(uri("/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()),
                    202,
                    "starting a blob upload");
            String location = started.headers()
                    .firstValue("Location")
                    .orElseThrow(() -> refused("the registry started an upload without a Location"));
            URI upload = URI.create(base).resolve(location);
            String sep = upload.getQuery() == null ? "?" : "&";
            send(
                    HttpRequest.newBuilder(URI.create(upload + sep + "digest=" + digest))
                            .header("Content-Type", "application/octet-stream")
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)),
                    201,
                    "uploading a blob");
        }

        HttpResponse<String> send(HttpRequest.Builder request, int expected, String what) {
            HttpResponse<String> r = once(request);
            if (r.statusCode() == 401) {
                Optional<String> challenge = r.headers().firstValue("WWW-Authenticate");
                if (challenge.isPresent() && challenge.get().startsWith("Bearer")) {
                    authorization = "Bearer " + token(challenge.get());
                    r = once(request);
                }
            }
            if (expected > 0 && r.statusCode() != expected) {
                throw refused(what + " answered " + r.statusCode() + ": " + abbreviate(r.body()));
            }
            return r;
        }

        private HttpResponse<String> once(HttpRequest.Builder request) {
            HttpRequest.Builder b = request.copy().timeout(Duration.ofSeconds(60));
            if (authorization != null) {
                b.setHeader("Authorization", authorization);
            }
            try {
                return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw refused("could not reach it (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw refused("interrupted");
            }
        }

        private String token(String challenge) {
            String realm = null;
            StringBuilder query = new StringBuilder();
            Matcher m = CHALLENGE_PART.matcher(challenge);
            while (m.find()) {
                if (m.group(1).equals("realm")) {
                    realm = m.group(2);
                } else {
                    query.append(query.isEmpty() ? "?" : "&")
                            .append(m.group(1))
                            .append('=')
                            .append(java.net.URLEncoder.encode(m.group(2), StandardCharsets.UTF_8));
                }
            }
            if (realm == null) {
                throw refused("its token challenge names no realm");
            }
            HttpRequest.Builder b =
                    HttpRequest.newBuilder(URI.create(realm + query)).GET();
            if (!target.credentials().isAnonymous()) {
                b.header("Authorization", basic(target.credentials()));
            }
            try {
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                Matcher t = Pattern.compile("\"(?:token|access_token)\"\\s*:\\s*\"([^\"]+)\"")
                        .matcher(r.body());
                if (r.statusCode() != 200 || !t.find()) {
                    throw refused("its token service answered " + r.statusCode());
                }
                return t.group(1);
            } catch (IOException e) {
                throw refused("could not reach its token service (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw refused("interrupted");
            }
        }

        private PushRejectedException refused(String why) {
            return new PushRejectedException("Registry " + target.registry() + " did not take the provenance of "
                    + target.repositoryReference() + ": " + why);
        }
    }

    private static String basic(RegistryCredentials c) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
    }

    /** Plain HTTP for loopback registries (as the engine allows), HTTPS for every other. */
    private static String scheme(String registry) {
        String host = registry.startsWith("[") ? registry.substring(1, registry.indexOf(']')) : registry.split(":")[0];
        try {
            return host.equals("localhost") || InetAddress.getByName(host).isLoopbackAddress() ? "http" : "https";
        } catch (UnknownHostException e) {
            return "https";
        }
    }

    private static String abbreviate(String body) {
        String b = body == null ? "" : body.strip();
        return b.length() > 300 ? b.substring(0, 300) + "..." : b;
    }
}
