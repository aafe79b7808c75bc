package io.daas.builder.engine;

/** One complete line of build output, as the engine printed it. */
public record BuildLogLine(String text) {}
