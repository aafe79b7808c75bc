package io.daas.builder.replicas;

/**
 * The answer of the replica a request was forwarded to, relayed unchanged.
 *
 * @param status its HTTP status
 * @param contentType its Content-Type, or null
 * @param retryAfter its Retry-After, or null
 * @param body its body
 */
public record Relayed(int status, String contentType, String retryAfter, byte[] body) {}
