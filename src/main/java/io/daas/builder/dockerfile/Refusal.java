package io.daas.builder.dockerfile;

/**
 * Why the policy refuses one instruction of a Dockerfile.
 *
 * @param line the Dockerfile line the instruction starts on
 * @param rule the rule it breaks, like {@code base image registry}
 * @param message what is wrong and what to do instead
 */
public record Refusal(int line, String rule, String message) {

    @Override
    public String toString() {
        return "line " + line + ": " + message + " [rule: " + rule + "]";
    }
}
