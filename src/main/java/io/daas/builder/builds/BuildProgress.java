package io.daas.builder.builds;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the engine's {@code Step N/M : ...} lines: the current step, and a progress that only
 * rises and stays below 100 until the build succeeds.
 */
public final class BuildProgress {

    public static final int CONTEXT_SENT = 5;
    private static final int LAST_STEP_CEILING = 95;
    private static final Pattern STEP = Pattern.compile("^Step (\\d+)/(\\d+) : .*");

    private int progress;
    private String currentStep;

    BuildProgress(int progress, String currentStep) {
        this.progress = progress;
        this.currentStep = currentStep;
    }

    /** Reads one log line; returns true when the step or progress changed. */
    boolean onLine(String line) {
        Matcher m = STEP.matcher(line);
        if (!m.matches()) {
            return false;
        }
        int step = Integer.parseInt(m.group(1));
        int total = Math.max(Integer.parseInt(m.group(2)), step);
        int span = LAST_STEP_CEILING - CONTEXT_SENT;
        int next = CONTEXT_SENT + (int) ((long) span * (step - 1) / total);
        progress = Math.max(progress, Math.min(next, LAST_STEP_CEILING));
        currentStep = line;
        return true;
    }

    /** Moves to a named phase with at least the given progress. */
    void phase(String step, int atLeast) {
        currentStep = step;
        progress = Math.max(progress, Math.min(atLeast, LAST_STEP_CEILING));
    }

    int progress() {
        return progress;
    }

    String currentStep() {
        return currentStep;
    }
}
