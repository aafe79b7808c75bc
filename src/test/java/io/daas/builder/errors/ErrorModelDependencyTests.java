package io.daas.builder.errors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ErrorModelDependencyTests {

    /** Every package's exceptions extend these kinds, detect and dockerfile included: errors needs none of ours. */
    @Test
    void theErrorModelDependsOnNoOtherPackageOfTheService() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("io.daas.builder.errors..", "java..", "jakarta.servlet..", "tools.jackson.core..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.daas.builder.errors"));
    }
}
