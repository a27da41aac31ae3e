package io.github.incus4j.client.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link ArchitectureRules} fail where they should: each is checked against a few
 * classes laid out like the client that break it on purpose ({@code io.github.incus4j.archfixture}),
 * and the failure names the offending class.
 */
class ArchitectureRulesFailTest {

    private static final ArchitectureRules RULES = new ArchitectureRules("io.github.incus4j.archfixture.client");

    private static JavaClasses broken;

    @BeforeAll
    static void importTheBrokenClasses() {
        broken = new ClassFileImporter().importPackages("io.github.incus4j.archfixture");
    }

    @Test
    void theLayeringRuleCatchesATransportThatReachesUp() {
        assertThatThrownBy(() -> RULES.layersOnlyDependDownwards().check(broken))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Backwards");
    }

    @Test
    void theModelRuleCatchesARecordThatUsesAnInternalType() {
        assertThatThrownBy(() -> RULES.modelDependsOnNothingOfTheClient().check(broken))
                .isInstanceOf(AssertionError.class).hasMessageContaining("LeakyRecord");
    }

    @Test
    void theCycleRuleCatchesTheCycle() {
        assertThatThrownBy(() -> RULES.noPackageCycles().check(broken))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle");
    }

    @Test
    void theSignatureRulesCatchAnInternalTypeInPublicSignatures() {
        assertThatThrownBy(() -> RULES.publicSignaturesNameOnlyExportedTypes().check(broken))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Entry.executor() names io.github.incus4j.archfixture.client.internal.protocol.Executor");
        assertThatThrownBy(() -> RULES.publicConstructorsNameOnlyExportedTypes().check(broken))
                .isInstanceOf(AssertionError.class).hasMessageContaining("LeakyRecord.<init>");
    }
}
