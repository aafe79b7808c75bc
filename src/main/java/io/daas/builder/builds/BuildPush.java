package io.daas.builder.builds;

/**
 * The push of a build's image, as the build record shows it.
 *
 * @param status where the push is
 * @param registryTag where the image goes, like registry.example.com/daas/daas-app:ID
 * @param digest the manifest digest the registry reported, once pushed
 * @param error why the push failed, with what to do
 */
public record BuildPush(PushStatus status, String registryTag, String digest, String error) {}
