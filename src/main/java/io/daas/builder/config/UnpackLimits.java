package io.daas.builder.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much a bundle may unpack to; past any limit the bundle is refused, naming the entry.
 *
 * @param maxUnpackedSize total bytes of all unpacked files ({@code MAX_UNPACKED_SIZE}, default 2 GiB)
 * @param maxEntries files, folders and links in one bundle ({@code MAX_BUNDLE_ENTRIES}, default 100000)
 * @param maxCompressionRatio unpacked bytes per archive byte ({@code MAX_COMPRESSION_RATIO}, default 100)
 */
public record UnpackLimits(
        @DefaultValue("2147483648") long maxUnpackedSize,
        @DefaultValue("100000") int maxEntries,
        @DefaultValue("100") int maxCompressionRatio) {}
