package io.daas.builder.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ARG and ENV values and stage names of a Dockerfile as the classic builder keeps them while
 * it goes through the instructions: ARGs before the first FROM, each stage's ENVs (inherited by a
 * stage built FROM it), and the request's build args.
 */
final class StageScope {

    private final ParsedDockerfile file;
    private final FetchContext context;
    private final Map<String, String> metaArgs = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> stageEnvs = new HashMap<>();
    private final List<String> stages = new ArrayList<>();
    private Map<String, String> env = new HashMap<>();
    private Map<String, String> vars = new HashMap<>();
    private boolean inStage;

    StageScope(ParsedDockerfile file, FetchContext context) {
        this.file = file;
        this.context = context;
    }

    /** The variables an instruction of the current stage sees. */
    Map<String, String> vars() {
        return vars;
    }

    /** The image a FROM names, with the ARGs before the first FROM substituted. */
    String baseImage(String word) {
        return expand(word, metaArgs, true).value();
    }

    /** Starts the stage of a FROM (whose words are {@code image [AS name]}) built on {@code image}. */
    void enterStage(String image, List<String> words) {
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

    void arg(Instruction i) {
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
                            ? expand(word.substring(eq + 1), varsBefore, false).raw()
                            : metaArgs.get(name);
            if (value != null) {
                vars.put(name, value);
            } else {
                vars.remove(name); // no value: the base image's ENV may still set it
            }
        }
    }

    void env(Instruction i) {
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

    /**
     * Whether a reference names a stage that is complete: every stage of a FROM, the ones
     * before the current one for {@code --from} (else the engine may take it as an image).
     */
    boolean isStage(String reference, boolean inInstructionOfStage) {
        List<String> done = inInstructionOfStage && !stages.isEmpty() ? stages.subList(0, stages.size() - 1) : stages;
        String lower = reference.toLowerCase(Locale.ROOT);
        if (done.contains(lower)) {
            return true;
        }
        if (!reference.isEmpty() && reference.chars().allMatch(Character::isDigit) && reference.length() < 4) {
            return Integer.parseInt(reference) < done.size(); // COPY --from=0
        }
        return false;
    }

    ShellWord.Expansion expand(String word, Map<String, String> known, boolean unsetIsEmpty) {
        return ShellWord.expand(word, known, unsetIsEmpty, file.escape());
    }
}
