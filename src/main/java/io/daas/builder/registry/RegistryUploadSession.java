package io.daas.builder.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One push's requests to one repository over the OCI distribution API, with the authorisation the registry asked for. */
final class RegistryUploadSession {

    private static final Pattern CHALLENGE_PART = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final HttpClient http;

    private final PushTarget target;
    private final String base;
    private String authorization;

    RegistryUploadSession(HttpClient http, PushTarget target) {
        this.http = http;
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
        String digest = CosignAttestation.digest(blob);
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
