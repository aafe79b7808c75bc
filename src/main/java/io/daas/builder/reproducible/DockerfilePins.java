package io.daas.builder.reproducible;

import io.daas.builder.dockerfile.DockerfileParser;
import io.daas.builder.dockerfile.Instruction;
import io.daas.builder.dockerfile.ParsedDockerfile;
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
        // Only the lines the builder reads as the start of a FROM are pinned: a "FROM" line inside a
        // continued RUN is text of that RUN, and an epoch line added after it would end the
        // continuation early and turn the next line into an instruction no policy has seen.
        ParsedDockerfile parsed = DockerfileParser.parse(dockerfile);
        Set<Integer> fromLines = new HashSet<>();
        Set<Integer> epochBefore = new HashSet<>();
        List<Instruction> instructions = parsed.instructions();
        String[] lines = dockerfile.split("\n", -1);
        for (int k = 0; k < instructions.size(); k++) {
            Instruction instruction = instructions.get(k);
            if (instruction.keyword().equals("FROM")) {
                if (continues(lines[instruction.line() - 1], parsed.escape())) {
                    // written over several lines: the epoch goes before the next instruction
                    epochBefore.add(
                            k + 1 < instructions.size()
                                    ? instructions.get(k + 1).line()
                                    : lines.length + 1);
                    notes.add("FROM " + instruction.arguments() + " is written over several lines, so it is not"
                            + " pinned by digest");
                    String[] args = instruction.arguments().split("\\s+");
                    if (args.length == 3 && args[1].equalsIgnoreCase("AS")) {
                        stages.add(args[2].toLowerCase(Locale.ROOT));
                    }
                } else {
                    fromLines.add(instruction.line());
                }
            }
        }
        for (int n = 1; n <= lines.length; n++) {
            String line = lines[n - 1];
            if (epochBefore.contains(n)) {
                out.add("ARG " + EPOCH_ARG);
            }
            String[] words = line.strip().split("\\s+");
            if (!fromLines.contains(n) || words.length < 2) {
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
        if (epochBefore.contains(lines.length + 1)) {
            out.add("ARG " + EPOCH_ARG);
        }
        return new Pinned(String.join("\n", out), List.copyOf(bases), List.copyOf(notes));
    }

    private static boolean continues(String line, char escape) {
        String end = line.stripTrailing();
        return !end.isEmpty() && end.charAt(end.length() - 1) == escape;
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
