package io.daas.builder.detect;

/**
 * What every language detector gets: the bundle's files, the image settings, the start command
 * that overrides the detector's own (daas.json or buildOptions startCommand, else a Procfile
 * web: line) and the other overrides.
 */
public record DetectionContext(
        ProjectFiles files, DetectionSettings settings, String procfileWeb, ProjectConfig config) {

    DetectionContext(ProjectFiles files, DetectionSettings settings, String procfileWeb) {
        this(files, settings, procfileWeb, ProjectConfig.none());
    }

    /** The given start command when there is one, else the detector's own. */
    public String start(String detected) {
        return procfileWeb != null ? procfileWeb : detected;
    }

    public String image(String role, String official) {
        return settings.image(role, official);
    }

    /** The version asked for in daas.json or buildOptions, or null. */
    public String version() {
        return config.version() == null ? null : config.version().strip();
    }

    /** The version asked for, as an image line of that many parts ("1.22"), or null when none (usable) was asked for. */
    public VersionChoice versionLine(int parts) {
        String wanted = version();
        if (wanted == null) {
            return null;
        }
        String[] numbers = wanted.replaceFirst("^[^0-9]*", "").split("\\.");
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < Math.min(parts, numbers.length); i++) {
            line.append(i == 0 ? "" : ".").append(numbers[i].replaceAll("\\D.*$", ""));
        }
        // a version without digits ("latest") names no line: detection's own choice stands (noted)
        return line.isEmpty() || line.charAt(0) == '.' ? null : new VersionChoice(line.toString(), "version " + wanted);
    }
}
