package io.daas.builder.dockerfile;

import io.daas.builder.dockerfile.FetchContext.LocalImage;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Which images a build may start from or copy from: a stage, {@code scratch}, an image of an
 * allowed registry or of the operator's base-image repositories, the tenant's own namespace of the
 * default registry, or the local image of one of the tenant's own builds. Never an image id, never
 * another tenant's image.
 */
final class ImageRule {

    static final String LOCAL_REPOSITORY = ImageName.DOCKER_HUB + "/library/daas-app";

    private final FetchRules rules;
    private final FetchContext context;

    ImageRule(FetchRules rules, FetchContext context) {
        this.rules = rules;
        this.context = context;
    }

    /**
     * Checks an image reference (already expanded) and reports what is wrong to {@code refuse}.
     *
     * @param what how the Dockerfile names it, like {@code FROM} or {@code COPY --from}
     * @param triggers checks the ONBUILD triggers of a local image the reference names
     */
    void check(int line, String what, String reference, Consumer<Refusal> refuse, Consumer<List<String>> triggers) {
        String shown = what + " " + Texts.shorten(reference);
        if (reference.isEmpty()) {
            refuse.accept(new Refusal(
                    line,
                    "image reference",
                    shown + " names no image once its ARGs are substituted: give the ARG a"
                            + " default or pass it in buildOptions.buildArgs"));
            return;
        }
        if (ImageName.looksLikeImageId(reference)) {
            refuse.accept(new Refusal(
                    line,
                    "image id",
                    shown + " may name a local image by its id; name images by repository and tag,"
                            + " like busybox:1.36"));
            return;
        }
        Optional<ImageName> parsed = ImageName.parse(reference);
        if (parsed.isEmpty()) {
            refuse.accept(new Refusal(
                    line,
                    "image reference",
                    shown + " is not a valid image reference; write it as"
                            + " [registry/]repository[:tag][@digest], like busybox:1.36"));
            return;
        }
        ImageName name = parsed.get();
        if (name.repository().equals(LOCAL_REPOSITORY)) {
            ownBuild(line, shown, name).ifPresent(refuse);
            return;
        }
        Optional<Refusal> place = place(line, shown, name);
        if (place.isPresent()) {
            refuse.accept(place.get());
            return;
        }
        Optional<LocalImage> local = context.localImages().apply(reference);
        if (local.isPresent()) {
            String builtBy = local.get().buildId();
            if (builtBy != null && isOtherTenants(builtBy)) {
                refuse.accept(new Refusal(
                        line,
                        "another tenant's image",
                        shown + " is, on this engine, the image of another tenant's"
                                + " build; start from public images or from your own builds"));
                return;
            }
            triggers.accept(local.get().onBuild());
        }
    }

    /** {@code daas-app:<id>} is engine-local: only the tenant's own builds. */
    private Optional<Refusal> ownBuild(int line, String shown, ImageName name) {
        if (name.digest() == null && name.tag() != null) {
            Optional<String> owner = context.buildTenants().apply(name.tag());
            if (owner.isPresent() && owner.get().equals(context.tenant())) {
                return Optional.empty();
            }
        }
        return Optional.of(new Refusal(
                line,
                "another tenant's image",
                shown + " is not the image of one of your builds (daas-app:<buildId>"
                        + " names the engine's local image of that build); use daas-app:<id> of your own builds only"));
    }

    /** Whether the registry and repository are allowed, else why not. */
    private Optional<Refusal> place(int line, String shown, ImageName name) {
        if (rules.trustedRepositories().stream().anyMatch(name::isUnder)) {
            return Optional.empty();
        }
        if (name.host().equals(rules.defaultRegistry())) {
            if (context.readableOnDefaultRegistry().test(name.path())) {
                return Optional.empty();
            }
            return Optional.of(new Refusal(
                    line,
                    "tenant namespace",
                    shown + " is in a namespace of the default registry that is not yours;"
                            + " start from images in your own namespace or from public registries"));
        }
        if (!rules.allowedRegistries().contains(name.host())) {
            return Optional.of(new Refusal(
                    line,
                    "base image registry",
                    shown + " comes from " + name.host() + ", which is not in"
                            + " ALLOWED_BASE_REGISTRIES "
                            + rules.allowedRegistries().stream().sorted().toList()
                            + "; use an image from one of those, or ask the operator to allow the registry"));
        }
        if (!name.host().equals(ImageName.DOCKER_HUB)) {
            Optional<String> refused = rules.hosts().refusal(Texts.hostOnly(name.host()), false);
            if (refused.isPresent()) {
                return Optional.of(new Refusal(line, "outbound policy", shown + ": " + refused.get()));
            }
        }
        return Optional.empty();
    }

    private boolean isOtherTenants(String buildId) {
        return context.buildTenants()
                .apply(buildId)
                .map(owner -> !owner.equals(context.tenant()))
                .orElse(false);
    }
}
