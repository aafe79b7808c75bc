package io.daas.builder.engine.run;

/** Says why a step failed when the engine's message alone does not: a refused fork, a kill for memory. */
final class StepFailures {

    private StepFailures() {}

    /** Whether the engine's message is that of a step killed with SIGKILL. */
    static boolean killed(String message) {
        return message.contains("returned a non-zero code: 137");
    }

    /**
     * The engine's message, with the limit that most likely caused it.
     *
     * @param memoryLimit memory of each step, or null
     * @param pidsLimit processes of the build's steps, or null
     * @param forkRefused whether a step printed that it could not start a process
     */
    static String explain(String message, Long memoryLimit, Integer pidsLimit, boolean forkRefused) {
        if (pidsLimit != null && forkRefused) {
            return message + " (a step could not start a process: the steps of a build may run at most " + pidsLimit
                    + " processes and threads at once, BUILD_PIDS_LIMIT)";
        }
        if (memoryLimit != null && killed(message)) {
            return message + " (the step was killed: it most likely ran out of memory; each step may use "
                    + memoryLimit / (1024 * 1024) + " MiB, BUILD_MEMORY_LIMIT)";
        }
        return message;
    }
}
