package io.daas.builder.logs;

/**
 * A build's log as its owner left it: open (being written, wherever that is), or closed with every
 * line up to {@code lastSeq} stored.
 *
 * @param closed whether the owner closed the log
 * @param lastSeq the last line stored when it closed (0 for none), meaningless while open
 */
record LogEnd(boolean closed, long lastSeq) {

    static final LogEnd OPEN = new LogEnd(false, 0);
}
