package io.daas.builder.builds;

import io.daas.builder.errors.InvalidRequest;
import io.daas.builder.security.SecretSanitiser;
import java.util.ArrayList;
import java.util.List;

/**
 * A queued build lost its secret build args or labels in a restart: they are stored as {@code ***}
 * and only the submitting process held their values.
 */
public class SecretsNotKeptException extends InvalidRequest {

    SecretsNotKeptException(List<String> names) {
        super("The secret build args and labels " + names + " are not kept across a service restart (they are"
                + " never written to disk): start the build again with their values");
    }

    /** Throws when any secret-looking value of the options is the stored mask. */
    public static void check(BuildOptions options) {
        List<String> lost = new ArrayList<>(SecretSanitiser.maskedSecretNames(options.buildArgs()));
        lost.addAll(SecretSanitiser.maskedSecretNames(options.labels()));
        if (!lost.isEmpty()) {
            throw new SecretsNotKeptException(lost);
        }
    }
}
