package io.daas.builder.bundle;

import io.daas.builder.bundle.unpack.Unpacking;
import io.daas.builder.config.BuilderProperties;
import io.daas.builder.config.UnpackLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Unpacks a bundle (tar.gz, tar or zip, told apart by their bytes) into a build's folder and
 * nowhere else. Entries that would leave the folder (absolute paths, {@code ..}, links leading
 * out, also through other links), special files and bundles past the unpack limits are refused
 * with an {@link InvalidBundleException} naming the entry. A single top folder is unwrapped.
 */
@Component
public class BundleExtractor {

    private final UnpackLimits limits;

    @Autowired
    BundleExtractor(BuilderProperties properties) {
        this(properties.unpack());
    }

    BundleExtractor(UnpackLimits limits) {
        this.limits = limits;
    }

    /** Checks that the archive unpacks safely and within the limits, without writing anything. */
    public void validate(Path archive) {
        unpack(archive, null);
    }

    /** Unpacks the archive into {@code target}, which must be missing or empty. */
    public void extract(Path archive, Path target) {
        Path dir = target.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            try (Stream<Path> content = Files.list(dir)) {
                if (content.findAny().isPresent()) {
                    throw new IllegalArgumentException(dir + " is not empty; bundles unpack only into a new folder");
                }
            }
        } catch (IOException e) {
            throw new InvalidBundleException("could not create " + dir + ": " + e.getMessage(), e);
        }
        unpack(archive, dir);
    }

    private void unpack(Path archive, Path target) {
        try {
            Unpacking.unpack(archive, target, limits);
        } catch (IOException e) {
            throw new InvalidBundleException("Bundle is not a readable archive (" + e.getMessage() + ")", e);
        }
    }
}
