package io.daas.builder.registry;

import io.daas.builder.errors.ErrorKind;

/** The registry refused the credentials, or wants credentials and got none (HTTP 401 from it). */
public class RegistryCredentialsRefusedException extends RegistryException {

    RegistryCredentialsRefusedException(String message) {
        super(ErrorKind.REGISTRY_CREDENTIALS_REFUSED, message);
    }
}
