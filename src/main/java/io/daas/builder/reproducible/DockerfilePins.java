package io.daas.builder.reproducible;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Pins the base images of a Dockerfile by digest ({@code FROM name@sha256:...}) and declares
 * {@code ARG SOURCE_DATE_EPOCH} in every stage, so that RUN steps see the fixed time. Pure text in,
 * text out; how a name becomes a digest is given.
 */
public final class DockerfilePins {

    /** The build arg (and RUN environment) every reproducible build gets. */
    public static final String EPOCH_ARG = "SOURCE_DATE_EPOCH";

    private DockerfilePins() {}

    /**
     * @param resolve a base image name to its pinned reference ({@code name@sha256:...}, or
     *     {@code sha256:<image id>} for an image with no registry digest), empty when unknown
     */
    public static Pinned pin(String dockerfile, Function<String, Optional<BaseImage>> resolve) {
        List<String> out = new ArrayList<>();
        List<BaseImage> bases = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<String> stages = new HashSet<>();
        for (String line : dockerfile.split("\n", -1)) {
            String[] words = line.strip().split("\\s+");
            if (words.length < 2 || !words[0].equalsIgnoreCase("FROM")) {
                out.add(line);
                continue;
            }
            int at = 1;
            while (at < words.length - 1 && words[at].startsWith("--")) {
                at++;
            }
            String image = words[at];
            String alias = words.length >= at + 3 && words[at + 1].equalsIgnoreCase("AS") ? words[at + 2] : null;
            String pinned = image;
            if (image.contains("$")) {
                notes.add("FROM " + image + " names its image through a build arg, so it is not pinned by digest");
            } else if (!image.equalsIgnoreCase("scratch") && !stages.contains(image.toLowerCase(Locale.ROOT))) {
                Optional<BaseImage> base = resolve.apply(image);
                if (base.isPresent()) {
                    bases.add(base.get());
                    pinned = base.get().pinned();
                    if (base.get().note() != null) {
                        notes.add(base.get().note());
                    }
                } else {
                    notes.add("Base image " + image + " could not be resolved to a digest; it is used by name");
                }
            }
            words[at] = pinned;
            out.add(String.join(" ", words));
            out.add("ARG " + EPOCH_ARG);
            if (alias != null) {
                stages.add(alias.toLowerCase(Locale.ROOT));
            }
        }
        return new Pinned(String.join("\n", out), List.copyOf(bases), List.copyOf(notes));
    }

    /**
     * A base image resolved for pinning.
     *
     * @param name as the Dockerfile named it
     * @param pinned what the pinned FROM says: {@code repository@sha256:...} or {@code sha256:<image id>}
     * @param imageId the engine's image id (config digest)
     * @param diffIds its layers
     * @param note a remark for the user (like "no registry digest"), or null
     */
    public record BaseImage(String name, String pinned, String imageId, List<String> diffIds, String note) {}

    /** A Dockerfile with its bases pinned, the bases, and remarks. */
    public record Pinned(String dockerfile, List<BaseImage> bases, List<String> notes) {}
}
