package io.daas.builder.engine;

/** Peak memory and CPU of one build's steps, found from the build's output lines; closed when the build ends. */
public interface ResourceWatch extends AutoCloseable {

    /** Reads one line of the build's output. */
    void onLine(String line);

    /** The most memory any step used, in bytes, or null when none was measured. */
    Long peakMemoryBytes();

    /** The most CPU any step used, in percent of one core, or null when none was measured. */
    Double peakCpuPercent();

    @Override
    void close();
}
