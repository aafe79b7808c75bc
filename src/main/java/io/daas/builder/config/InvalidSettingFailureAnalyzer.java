package io.daas.builder.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start-up failure caused by a bad setting into Spring Boot's short report: one line that
 * names the setting, the problem and the fix, and no stack trace (with DEBUG=true it is logged too).
 */
class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

    private static final Logger log = LoggerFactory.getLogger(InvalidSettingFailureAnalyzer.class);

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
        log.debug("start-up failed on setting {}", cause.setting(), rootFailure);
        return new FailureAnalysis(cause.getMessage(), cause.fix(), cause);
    }
}
