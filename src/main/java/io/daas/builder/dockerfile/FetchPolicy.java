package io.daas.builder.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The policy on what a build may fetch, checked on the Dockerfile that will be built before the
 * engine sees it: the images of {@code FROM}, {@code COPY --from} and {@code RUN --mount=from=}
 * (see {@link ImageRule}), the sources of {@code ADD} (see {@link SourceRule}), and the same in
 * {@code ONBUILD} triggers, with ARGs (defaults and the request's build args) and ENVs substituted
 * as the builder substitutes them.
 */
public final class FetchPolicy {

    private static final int MAX_REFUSALS = 5;

    private final FetchRules rules;

    public FetchPolicy(FetchRules rules) {
        this.rules = rules;
    }

    /**
     * Checks a Dockerfile for a build.
     *
     * @param path where the Dockerfile is, for the message
     * @throws DockerfileRefusedException naming each refused line and its rule
     */
    public void verify(String path, String dockerfile, FetchContext context) {
        List<Refusal> refusals = check(DockerfileParser.parse(dockerfile), context);
        if (!refusals.isEmpty()) {
            throw new DockerfileRefusedException(path, refusals.subList(0, Math.min(MAX_REFUSALS, refusals.size())));
        }
    }

    /** Every refusal of a parsed Dockerfile, in line order; empty when it may be built. */
    public List<Refusal> check(ParsedDockerfile dockerfile, FetchContext context) {
        return new Walk(dockerfile, context).run();
    }

    /** One pass over the instructions, keeping ARG and ENV values and stage names as the builder does. */
    private final class Walk {
        private final ParsedDockerfile file;
        private final FetchContext context;
        private final ImageRule images;
        private final SourceRule sources;
        private final List<Refusal> refusals = new ArrayList<>();
        private final Map<String, String> metaArgs = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> stageEnvs = new HashMap<>();
        private final List<String> stages = new ArrayList<>();
        private Map<String, String> env = new HashMap<>();
        private Map<String, String> vars = new HashMap<>();
        private boolean inStage;

        Walk(ParsedDockerfile file, FetchContext context) {
            this.file = file;
            this.context = context;
            this.images = new ImageRule(rules, context);
            this.sources = new SourceRule(rules);
        }

        List<Refusal> run() {
            if (file.syntax() != null) {
                image(1, "# syntax=", file.syntax(), false);
            }
            for (Instruction i : file.instructions()) {
                switch (i.keyword()) {
                    case "ARG" -> arg(i);
                    case "ENV" -> env(i);
                    case "FROM" -> from(i);
                    case "COPY" -> i.flags("from").forEach(f -> fromFlag(i.line(), "COPY --from", f, true));
                    case "ADD" -> add(i, "ADD", vars);
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
            String image = expand(words.get(0), metaArgs, true).value();
            image(i.line(), "FROM", image, true);
            Map<String, String> parent = stageEnvs.get(image.toLowerCase(Locale.ROOT));
            env = parent == null ? new HashMap<>() : new HashMap<>(parent);
            vars = new HashMap<>(env);
            inStage = true;
            String name = words.size() == 3 && words.get(1).equalsIgnoreCase("as")
                    ? words.get(2).toLowerCase(Locale.ROOT)
                    : null;
            stages.add(name);
            if (name != null) {
                stageEnvs.put(name, env);
            }
        }

        private void arg(Instruction i) {
            // As the classic builder does, all values of one ARG are substituted before any is set.
            Map<String, String> metaBefore = Map.copyOf(metaArgs);
            Map<String, String> varsBefore = Map.copyOf(vars);
            for (String word : Words.split(i.arguments(), file.escape())) {
                int eq = word.indexOf('=');
                String name = eq < 0 ? word : word.substring(0, eq);
                String given = context.buildArgs().get(name);
                if (!inStage) {
                    String value = given != null
                            ? given
                            : eq < 0
                                    ? null
                                    : expand(word.substring(eq + 1), metaBefore, true)
                                            .value();
                    if (value != null) {
                        metaArgs.put(name, value);
                    } else {
                        metaArgs.remove(name);
                    }
                    continue;
                }
                if (env.containsKey(name)) {
                    continue; // an ENV of the same name wins over the ARG in substitutions
                }
                String value = given != null
                        ? given
                        : eq >= 0
                                ? expand(word.substring(eq + 1), varsBefore, false)
                                        .raw()
                                : metaArgs.get(name);
                if (value != null) {
                    vars.put(name, value);
                } else {
                    vars.remove(name); // no value: the base image's ENV may still set it
                }
            }
        }

        private void env(Instruction i) {
            List<String> words = Words.split(i.arguments(), file.escape());
            if (words.isEmpty()) {
                return;
            }
            if (!words.get(0).contains("=")) {
                String[] parts = i.arguments().strip().split("[\\t\\u000B\\f\\r ]+", 2);
                if (parts.length == 2) {
                    setEnv(parts[0], expand(parts[1], vars, false).raw());
                }
                return;
            }
            // Every value of one ENV is substituted with the variables as they were before it.
            Map<String, String> before = Map.copyOf(vars);
            for (String word : words) {
                int eq = word.indexOf('=');
                if (eq > 0) {
                    setEnv(
                            word.substring(0, eq),
                            expand(word.substring(eq + 1), before, false).raw());
                }
            }
        }

        private void setEnv(String name, String value) {
            env.put(name, value);
            vars.put(name, value);
        }

        private void add(Instruction i, String what, Map<String, String> known) {
            List<String> words = i.words();
            for (int n = 0; n < words.size() - 1; n++) {
                sources.check(i.line(), what, expand(words.get(n), known, false))
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
            ShellWord.Expansion e = expand(value, stagesAllowed ? vars : Map.of(), false);
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
            if (stagesAllowed && isStage(reference, !what.equals("FROM"))) {
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

        /**
         * Whether a reference names a stage that is complete: every stage of a FROM, the ones
         * before the current one for {@code --from} (else the engine may take it as an image).
         */
        private boolean isStage(String reference, boolean inInstructionOfStage) {
            List<String> done =
                    inInstructionOfStage && !stages.isEmpty() ? stages.subList(0, stages.size() - 1) : stages;
            String lower = reference.toLowerCase(Locale.ROOT);
            if (done.contains(lower)) {
                return true;
            }
            if (!reference.isEmpty() && reference.chars().allMatch(Character::isDigit) && reference.length() < 4) {
                return Integer.parseInt(reference) < done.size(); // COPY --from=0
            }
            return false;
        }

        private ShellWord.Expansion expand(String word, Map<String, String> known, boolean unsetIsEmpty) {
            return ShellWord.expand(word, known, unsetIsEmpty, file.escape());
        }
    }

    /** The rules in force. */
    public FetchRules rules() {
        return rules;
    }
}
