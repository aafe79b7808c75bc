package io.daas.builder.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.daas.builder.bundle.UploadedBundle;
import io.daas.builder.lifecycle.TenantScopes;
import io.daas.builder.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Bundle uploads: a raw archive body, or a multipart field named {@code bundle}. The uploading
 * tenant becomes an owner of the bundle (see {@link io.daas.builder.build.TenantScope#upload}).
 */
@RestController
@RequestMapping("/api/docker/bundles")
class BundleController {

    private final TenantScopes scopes;

    BundleController(TenantScopes scopes) {
        this.scopes = scopes;
    }

    /** {@code storage} is "walrus" or "local"; {@code note} says why an upload meant for Walrus stayed local. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Uploaded(boolean success, String bundleId, long size, String digest, String storage, String note) {}

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Uploaded uploadPart(@RequestPart("bundle") MultipartFile bundle, @RequestAttribute(Caller.ATTRIBUTE) Caller caller)
            throws IOException {
        try (InputStream in = bundle.getInputStream()) {
            return saved(scopes.of(caller).upload(in));
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Uploaded uploadBody(HttpServletRequest request, @RequestAttribute(Caller.ATTRIBUTE) Caller caller)
            throws IOException {
        try (InputStream in = request.getInputStream()) {
            return saved(scopes.of(caller).upload(in));
        }
    }

    private Uploaded saved(UploadedBundle bundle) {
        return new Uploaded(
                true, bundle.id().value(), bundle.size(), bundle.digest().value(), bundle.storage(), bundle.note());
    }
}
