package io.daas.builder.registry;

/** The registry refused the credentials, or wants credentials and got none (HTTP 401 from it). */
public class RegistryCredentialsRefusedException extends RegistryException {

    RegistryCredentialsRefusedException(String message) {
        super(message);
    }
}
