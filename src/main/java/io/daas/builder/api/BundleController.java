package io.daas.builder.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.daas.builder.bundle.BundleOwners;
import io.daas.builder.bundle.BundleUploads;
import io.daas.builder.bundle.UploadedBundle;
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
 * tenant becomes an owner of the bundle (see {@link BundleOwners}).
 */
@RestController
@RequestMapping("/api/docker/bundles")
class BundleController {

    private final BundleUploads uploads;
    private final BundleOwners owners;

    BundleController(BundleUploads uploads, BundleOwners owners) {
        this.uploads = uploads;
        this.owners = owners;
    }

    /** {@code storage} is "walrus" or "local"; {@code note} says why an upload meant for Walrus stayed local. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Uploaded(boolean success, String bundleId, long size, String digest, String storage, String note) {}

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Uploaded uploadPart(@RequestPart("bundle") MultipartFile bundle, @RequestAttribute(Caller.ATTRIBUTE) Caller caller)
            throws IOException {
        try (InputStream in = bundle.getInputStream()) {
            return saved(uploads.upload(in), caller);
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Uploaded uploadBody(HttpServletRequest request, @RequestAttribute(Caller.ATTRIBUTE) Caller caller)
            throws IOException {
        try (InputStream in = request.getInputStream()) {
            return saved(uploads.upload(in), caller);
        }
    }

    private Uploaded saved(UploadedBundle bundle, Caller caller) {
        owners.add(bundle.id(), caller.tenant());
        return new Uploaded(
                true, bundle.id().value(), bundle.size(), bundle.digest().value(), bundle.storage(), bundle.note());
    }
}
