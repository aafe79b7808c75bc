package io.daas.builder.detect;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps detect/ pure logic (no Spring, Docker or HTTP types) and its language sub-packages behind its API. */
class DetectArchitectureTests {

    private final JavaClasses detect = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.daas.builder.detect");

    @Test
    void detectIsPureLogicWithoutSpringDockerOrHttp() {
        classes()
                .that()
                .resideInAPackage("io.daas.builder.detect..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "io.daas.builder.detect..",
                        "io.daas.builder.errors..",
                        "java..",
                        "javax.xml..",
                        "org.w3c.dom..",
                        "tools.jackson..")
                .check(detect);
    }

    @Test
    void theRestOfTheServiceUsesOnlyTheDetectorApiNotTheLanguageSubPackages() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.daas.builder.detect..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.daas.builder.detect.*..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.daas.builder"));
    }
}
