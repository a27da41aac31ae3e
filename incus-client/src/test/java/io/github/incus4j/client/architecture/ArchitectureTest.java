package io.github.incus4j.client.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** incus-client's main classes keep what docs/ARCHITECTURE.md promises (see {@link ArchitectureRules}). */
class ArchitectureTest {

    private static final ArchitectureRules RULES = new ArchitectureRules("io.github.incus4j.client");

    private static JavaClasses client;

    @BeforeAll
    static void importTheClient() {
        client = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.incus4j.client");
    }

    @Test
    void layersOnlyDependDownwards() {
        RULES.layersOnlyDependDownwards().check(client);
    }

    @Test
    void theModelDependsOnNothingOfTheClient() {
        RULES.modelDependsOnNothingOfTheClient().check(client);
    }

    @Test
    void theExceptionsDependOnTheModelOnly() {
        RULES.exceptionsDependOnTheModelOnly().check(client);
    }

    @Test
    void thereAreNoPackageCycles() {
        RULES.noPackageCycles().check(client);
    }

    @Test
    void publicMethodsNameOnlyExportedTypes() {
        RULES.publicSignaturesNameOnlyExportedTypes().check(client);
    }

    @Test
    void publicConstructorsNameOnlyExportedTypes() {
        RULES.publicConstructorsNameOnlyExportedTypes().check(client);
    }
}
