package io.daas.builder.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One pass of the {@link FetchPolicy} over a Dockerfile's instructions: each image and source a
 * line fetches is checked against the rules, with variables and stages from a {@link StageScope}.
 */
final class FetchWalk {

    private final ParsedDockerfile file;
    private final StageScope scope;
    private final ImageRule images;
    private final SourceRule sources;
    private final List<Refusal> refusals = new ArrayList<>();

    FetchWalk(FetchRules rules, ParsedDockerfile file, FetchContext context) {
        this.file = file;
        this.scope = new StageScope(file, context);
        this.images = new ImageRule(rules, context);
        this.sources = new SourceRule(rules);
    }

    List<Refusal> run() {
        if (file.syntax() != null) {
            image(1, "# syntax=", file.syntax(), false);
        }
        for (Instruction i : file.instructions()) {
            switch (i.keyword()) {
                case "ARG" -> scope.arg(i);
                case "ENV" -> scope.env(i);
                case "FROM" -> from(i);
                case "COPY" -> i.flags("from").forEach(f -> fromFlag(i.line(), "COPY --from", f, true));
                case "ADD" -> add(i, "ADD", scope.vars());
                case "RUN" -> mounts(i, "RUN --mount", true);
                case "ONBUILD" -> trigger(i.line(), "ONBUILD ", i.trigger());
                default -> {}
            }
        }
        return refusals;
    }

    private void from(Instruction i) {
        List<String> words = i.words();
        if (words.isEmpty()) {
            return;
        }
        String image = scope.baseImage(words.get(0));
        image(i.line(), "FROM", image, true);
        scope.enterStage(image, words);
    }

    private void add(Instruction i, String what, Map<String, String> known) {
        List<String> words = i.words();
        for (int n = 0; n < words.size() - 1; n++) {
            sources.check(i.line(), what, scope.expand(words.get(n), known, false))
                    .ifPresent(refusals::add);
        }
    }

    private void mounts(Instruction i, String what, boolean stagesAllowed) {
        for (String mount : i.flags("mount")) {
            for (String field : mount.split(",")) {
                String f = field.strip();
                int eq = f.indexOf('=');
                if (eq > 0 && f.substring(0, eq).strip().equalsIgnoreCase("from")) {
                    fromFlag(i.line(), what + " from=", f.substring(eq + 1).strip(), stagesAllowed);
                }
            }
        }
    }

    private void fromFlag(int line, String what, String value, boolean stagesAllowed) {
        ShellWord.Expansion e = scope.expand(value, stagesAllowed ? scope.vars() : Map.of(), false);
        if (!e.complete()) {
            refusals.add(new Refusal(
                    line,
                    "image reference",
                    what + " " + Texts.shorten(value) + " uses a variable this"
                            + " Dockerfile does not set, so the image cannot be checked; name it literally"));
            return;
        }
        image(line, what, e.value(), stagesAllowed);
    }

    /** An ONBUILD trigger runs in a later build, whose stages and variables are not known here. */
    private void trigger(int line, String where, Instruction t) {
        if (t == null) {
            return;
        }
        switch (t.keyword()) {
            case "ADD" -> add(t, where + "ADD", Map.of());
            case "COPY" -> t.flags("from").forEach(f -> fromFlag(line, where + "COPY --from", f, false));
            case "RUN" -> mounts(t, where + "RUN --mount", false);
            default -> {}
        }
    }

    private void image(int line, String what, String reference, boolean stagesAllowed) {
        if (stagesAllowed && scope.isStage(reference, !what.equals("FROM"))) {
            return;
        }
        if (reference.equals("scratch")) {
            return;
        }
        images.check(line, what, reference, refusals::add, triggers -> {
            for (String text : triggers) {
                ParsedDockerfile parsed = DockerfileParser.parse(text);
                for (Instruction t : parsed.instructions()) {
                    trigger(line, "ONBUILD trigger of " + Texts.shorten(reference) + ": ", t);
                }
            }
        });
    }
}
