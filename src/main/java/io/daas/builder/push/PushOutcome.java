package io.daas.builder.push;

/**
 * How the push a build asked for ended: none was asked for, it was pushed, or it failed.
 *
 * @param requested whether the build asked for a push
 * @param error why the push failed (for the build's error), or null
 */
public record PushOutcome(boolean requested, String error) {

    static final PushOutcome NOT_REQUESTED = new PushOutcome(false, null);
    static final PushOutcome PUSHED = new PushOutcome(true, null);

    static PushOutcome failed(String error) {
        return new PushOutcome(true, error);
    }

    /** Whether the build may succeed: nothing to push, or pushed. */
    public boolean succeeded() {
        return error == null;
    }
}
