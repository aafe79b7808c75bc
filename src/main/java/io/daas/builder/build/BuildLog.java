package io.daas.builder.build;

import java.util.function.Consumer;

/** Appends one build's log lines to the store, numbered in order. */
final class BuildLog {

    private static final int MAX_LINE_CHARS = 16 * 1024;

    private final String buildId;
    private final BuildLogRepository repository;
    private final Consumer<String> listener;
    private int next;

    BuildLog(String buildId, BuildLogRepository repository, Consumer<String> listener) {
        this.buildId = buildId;
        this.repository = repository;
        this.listener = listener;
        this.next = repository.count(buildId);
    }

    synchronized void append(String line) {
        String kept = line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + " [line cut]" : line;
        repository.append(buildId, next++, kept);
        listener.accept(kept);
    }
}
