package io.daas.builder.registry;

import io.daas.builder.security.SecretSanitiser;
import java.util.List;
import java.util.Locale;

/** Turns the engine's push error text into the exception that says what went wrong and what to do. */
public final class PushFailures {

    // What the engine (moby distribution client) prints for each kind of failure.
    private static final List<String> CREDENTIALS =
            List.of("unauthorized", "authentication required", "no basic auth credentials", "401 unauthorized");
    private static final List<String> UNREACHABLE = List.of(
            "dial tcp",
            "connection refused",
            "no such host",
            "i/o timeout",
            "connection reset",
            "network is unreachable",
            "no route to host",
            "server gave http response to https client",
            "tls: ",
            "x509: ",
            "timeout exceeded",
            "eof");

    private PushFailures() {}

    public static RegistryException classify(PushTarget target, String engineMessage, SecretSanitiser secrets) {
        String detail = secrets.clean(engineMessage == null ? "no message" : engineMessage.strip());
        String lower = detail.toLowerCase(Locale.ROOT);
        if (CREDENTIALS.stream().anyMatch(lower::contains)) {
            return credentialsRefused(target, detail);
        }
        if (UNREACHABLE.stream().anyMatch(lower::contains)) {
            return unreachable(target, detail);
        }
        return new PushRejectedException("Registry " + target.registry() + " rejected the push of " + target.reference()
                + " (" + detail + "): check that the account may push to " + target.repositoryReference()
                + " and that the registry accepts pushes");
    }

    static RegistryException credentialsRefused(PushTarget target, String detail) {
        if (target.credentials().isAnonymous()) {
            return new RegistryCredentialsRefusedException("Registry " + target.registry() + " requires credentials ("
                    + detail + "): give registry.username and registry.password");
        }
        return new RegistryCredentialsRefusedException("Registry " + target.registry()
                + " refused the credentials of user '" + target.credentials().username() + "' (" + detail
                + "): check registry.username and registry.password");
    }

    static RegistryException unreachable(PushTarget target, String detail) {
        return new RegistryUnreachableException("Registry " + target.registry()
                + " is not reachable from the Docker engine (" + detail
                + "): check registry.url and that the registry is up");
    }
}
