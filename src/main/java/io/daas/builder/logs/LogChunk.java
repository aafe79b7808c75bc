package io.daas.builder.logs;

import java.util.List;

/**
 * Lines of a build's log read from some point on.
 *
 * @param lines the lines, in order, without gaps
 * @param complete true when the log is closed and these lines reach its end: no more will come
 */
public record LogChunk(List<NumberedLine> lines, boolean complete) {}
