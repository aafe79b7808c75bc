package io.daas.builder;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Repository;
import org.springframework.stereotype.Service;

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
                        "io.daas.builder.builds..",
                        "io.daas.builder.execution..",
                        "io.daas.builder.lifecycle..",
                        "io.daas.builder.logs..",
                        "io.daas.builder.plan..",
                        "io.daas.builder.push..",
                        "io.daas.builder.verify..")
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

    /**
     * Tenancy as a type: the API reaches builds and bundles only through a caller's TenantScope, never
     * through the services that look them up by bare id (which would skip the tenant check).
     */
    @Test
    void theApiReachesBuildsAndBundlesOnlyThroughACallersTenantScope() {
        noClasses()
                .that()
                .resideInAPackage("io.daas.builder.api..")
                .should()
                .dependOnClassesThat(UNSCOPED_LOOKUPS)
                .because("another tenant's build or bundle must answer 404: go through TenantScopes.of(caller)")
                .check(CLASSES);
    }

    private static final Set<String> BUILD_AND_BUNDLE_PACKAGES = Set.of(
            "io.daas.builder.builds",
            "io.daas.builder.execution",
            "io.daas.builder.lifecycle",
            "io.daas.builder.logs",
            "io.daas.builder.plan",
            "io.daas.builder.push",
            "io.daas.builder.verify",
            "io.daas.builder.bundle");

    /** Beans of build and bundle (services, repositories, logs, trackers) other than TenantScopes. */
    private static final DescribedPredicate<JavaClass> UNSCOPED_LOOKUPS = DescribedPredicate.describe(
            "build or bundle services other than TenantScopes",
            c -> BUILD_AND_BUNDLE_PACKAGES.contains(c.getPackageName())
                    && !c.getName().equals("io.daas.builder.lifecycle.TenantScopes")
                    && (c.isAnnotatedWith(Service.class)
                            || c.isAnnotatedWith(Component.class)
                            || c.isAnnotatedWith(Repository.class)));

    /**
     * The dependency direction of docs/architecture.md: api goes through the build side (lifecycle's
     * TenantScopes); it never reaches the webhook, a running build's execution, Walrus, the fetch policy
     * or the reproducible-build steps, and takes only values and exceptions from bundle, registry,
     * engine and detect, never their beans (HealthController alone pings the engine itself).
     */
    @Test
    void theApiReachesTheRestOnlyThroughTheBuildSide() {
        noClasses()
                .that()
                .resideInAPackage("io.daas.builder.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.daas.builder.webhook..",
                        "io.daas.builder.execution..",
                        "io.daas.builder.walrus..",
                        "io.daas.builder.dockerfile..",
                        "io.daas.builder.reproducible..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("io.daas.builder.api..")
                .and()
                .doNotHaveFullyQualifiedName("io.daas.builder.api.HealthController")
                .should()
                .dependOnClassesThat(BEANS_BEHIND_THE_BUILD_SIDE)
                .check(CLASSES);
    }

    private static final DescribedPredicate<JavaClass> BEANS_BEHIND_THE_BUILD_SIDE = DescribedPredicate.describe(
            "beans of bundle, registry, engine or detect",
            c -> Set.of("bundle", "registry", "engine", "detect").stream()
                            .anyMatch(p -> c.getPackageName().equals("io.daas.builder." + p)
                                    || c.getPackageName().startsWith("io.daas.builder." + p + "."))
                    && (c.isAnnotatedWith(Service.class)
                            || c.isAnnotatedWith(Component.class)
                            || c.isAnnotatedWith(Repository.class)));

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.daas.builder.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
