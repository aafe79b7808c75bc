package io.daas.builder.detect;

import java.util.Optional;

/** Recognises one language or kind of project and plans its build. */
public interface LanguageDetector {

    /** A plan when this detector recognises the project, else empty. */
    Optional<BuildPlan> detect(DetectionContext context);
}
