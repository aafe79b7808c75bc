package io.daas.builder.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine's port holds: the rest of the service sees only it, and it speaks no docker-java. */
class EnginePortTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.daas.builder");

    @Test
    void theRestOfTheServiceReachesTheEngineOnlyThroughItsPort() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.daas.builder.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.daas.builder.engine.context..",
                        "io.daas.builder.engine.limits..",
                        "io.daas.builder.engine.output..",
                        "io.daas.builder.engine.run..")
                .orShould()
                .dependOnClassesThat()
                .belongToAnyOf(DockerEngine.class)
                .because("builds, push and health take ImageEngine, so that tests can give them a fake engine")
                .check(CLASSES);
    }

    @Test
    void thePortSpeaksOnlyTheServicesOwnTypes() {
        noClasses()
                .that()
                .belongToAnyOf(
                        ImageEngine.class,
                        RunningImageBuild.class,
                        ResourceWatch.class,
                        ImageBuildSpec.class,
                        BuiltImage.class,
                        BuildLogLine.class,
                        ImageDetails.class,
                        EngineUnavailableException.class,
                        ImageBuildFailedException.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.github.dockerjava..", "io.daas.builder.engine.*..")
                .check(CLASSES);
    }
}
