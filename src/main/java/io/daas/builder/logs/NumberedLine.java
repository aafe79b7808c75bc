package io.daas.builder.logs;

/**
 * One stored line of a build's log.
 *
 * @param seq its number, from 1, in the order the engine printed it
 * @param text the line without its newline
 */
public record NumberedLine(long seq, String text) {}
