package io.daas.builder.config;

/** A setting whose value the service cannot start with: names the setting, the problem and the fix. */
public class InvalidSettingException extends RuntimeException {

    private final String setting;
    private final String fix;

    /**
     * @param setting the environment name, like BUILD_MEMORY_LIMIT
     * @param problem what is wrong with its value (never a secret itself)
     * @param fix what to set instead
     */
    public InvalidSettingException(String setting, String problem, String fix, Throwable cause) {
        super(setting + ": " + problem + ". Fix: " + fix, cause);
        this.setting = setting;
        this.fix = fix;
    }

    public String setting() {
        return setting;
    }

    public String fix() {
        return fix;
    }
}
