package io.daas.builder.api;

/** A build exists but has not got the record asked for (no provenance, SBOM or reproduction yet): a 404. */
class NothingRecordedException extends RuntimeException {

    NothingRecordedException(String message) {
        super(message);
    }
}
