package io.daas.builder.detect;

/** What every language detector gets: the bundle's files, the image settings, a Procfile command. */
record DetectionContext(ProjectFiles files, DetectionSettings settings, String procfileWeb) {

    /** The Procfile's {@code web:} command when there is one, else the detector's own. */
    String start(String detected) {
        return procfileWeb != null ? procfileWeb : detected;
    }

    String image(String role, String official) {
        return settings.image(role, official);
    }
}
