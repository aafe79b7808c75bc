package io.daas.builder;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.daas.builder");

    @Test
    void onlyEngineAndRegistrySpeakDockerJava() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.daas.builder.engine..", "io.daas.builder.registry..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.github.dockerjava..")
                .check(CLASSES);
    }

    @Test
    void detectionIsPureLogic() {
        noClasses()
                .that()
                .resideInAPackage("io.daas.builder.detect..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "com.github.dockerjava..", "jakarta.servlet..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void theDockerfilePolicyIsPureLogic() {
        noClasses()
                .that()
                .resideInAPackage("io.daas.builder.dockerfile..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "com.github.dockerjava..",
                        "jakarta.servlet..",
                        "io.daas.builder.build..")
                .check(CLASSES);
    }

    @Test
    void nothingButTheApiDependsOnTheApi() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.daas.builder.api..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.daas.builder.api..")
                .check(CLASSES);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.daas.builder.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
