package io.daas.builder.execution;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A build's current step and progress, immutable. Follows the engine's {@code Step N/M : ...}
 * lines: the progress only rises and stays below 100 until the build succeeds.
 */
record StepProgress(int progress, String currentStep) {

    static final int CONTEXT_SENT = 5;
    private static final int LAST_STEP_CEILING = 95;
    private static final Pattern STEP = Pattern.compile("^Step (\\d+)/(\\d+) : .*");

    /** After one log line: a new value when the step or progress changed, else this one. */
    StepProgress onLine(String line) {
        Matcher m = STEP.matcher(line);
        if (!m.matches()) {
            return this;
        }
        int step = Integer.parseInt(m.group(1));
        int total = Math.max(Integer.parseInt(m.group(2)), step);
        int span = LAST_STEP_CEILING - CONTEXT_SENT;
        int next = CONTEXT_SENT + (int) ((long) span * (step - 1) / total);
        return new StepProgress(Math.max(progress, Math.min(next, LAST_STEP_CEILING)), line);
    }

    /** In a named phase with at least the given progress. */
    StepProgress phase(String step, int atLeast) {
        return new StepProgress(Math.max(progress, Math.min(atLeast, LAST_STEP_CEILING)), step);
    }
}
