package io.github.incus4j.client.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What docs/ARCHITECTURE.md promises about incus-client's packages, as ArchUnit rules over a root
 * package, so that the same rules can be shown to fail on a small set of classes that break them
 * ({@code ArchitectureRulesFailTest}).
 *
 * <ul>
 * <li>the API layer ({@code root}) uses the protocol layer ({@code root.internal.protocol}), which
 *     uses the transport layer ({@code root.internal.transport}); never the other way;</li>
 * <li>the model ({@code root.model}) depends on nothing of the client but itself;</li>
 * <li>the exceptions ({@code root.exception}) depend on the model only;</li>
 * <li>no package cycles;</li>
 * <li>a public signature of an exported package (parameters, results, fields, type arguments
 *     included) names only exported, JDK, Reactor, Reactive Streams, Spring core, JSpecify or
 *     Jackson annotation types: nothing internal, nothing of WebFlux, Reactor Netty, Netty or
 *     Jackson databind, except the builder's two documented hooks for a Spring
 *     {@code WebClient.Builder} and a Micrometer {@code ObservationRegistry}.</li>
 * </ul>
 */
final class ArchitectureRules {

    /** Where a public signature may reach besides the exported packages and java.*. */
    private static final List<String> ALLOWED_FOREIGN_PACKAGES = List.of("reactor.core.publisher",
            "reactor.core", "org.reactivestreams", "org.springframework.core.io.buffer", "org.jspecify.annotations",
            "com.fasterxml.jackson.annotation", "java.", "javax.net.ssl");

    /** Deliberate exceptions to the signature rule, each documented in docs/ARCHITECTURE.md. */
    private static final Set<String> ALLOWED_SIGNATURES = Set.of(
            // A Spring application hands its WebClient.Builder over (observations, filters).
            "IncusClientBuilder.webClientBuilder",
            // An application hands its Micrometer ObservationRegistry over.
            "IncusClientBuilder.observationRegistry");

    private final String root;

    ArchitectureRules(String root) {
        this.root = root;
    }

    ArchRule layersOnlyDependDownwards() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("API").definedBy(root)
                .layer("Protocol").definedBy(root + ".internal.protocol")
                .layer("Transport").definedBy(root + ".internal.transport")
                .layer("Exceptions").definedBy(root + ".exception")
                .layer("Model").definedBy(root + ".model")
                .whereLayer("API").mayNotBeAccessedByAnyLayer()
                .whereLayer("Protocol").mayOnlyBeAccessedByLayers("API")
                .whereLayer("Transport").mayOnlyBeAccessedByLayers("API", "Protocol")
                .whereLayer("Exceptions").mayOnlyBeAccessedByLayers("API", "Protocol", "Transport")
                .whereLayer("Model").mayOnlyBeAccessedByLayers("API", "Protocol", "Exceptions")
                .because("a request reads top to bottom through the layers (docs/ARCHITECTURE.md)");
    }

    ArchRule modelDependsOnNothingOfTheClient() {
        return noClasses().that().resideInAPackage(root + ".model..")
                .should().dependOnClassesThat().resideInAnyPackage(root, root + ".internal..", root + ".exception..")
                .because("the model is plain records of the wire types, usable on their own");
    }

    ArchRule exceptionsDependOnTheModelOnly() {
        return noClasses().that().resideInAPackage(root + ".exception..")
                .should().dependOnClassesThat().resideInAnyPackage(root, root + ".internal..")
                .because("internal layers throw them, so they must not reach back up");
    }

    ArchRule noPackageCycles() {
        return slices().matching(root.substring(0, root.lastIndexOf('.')) + ".(**)").should().beFreeOfCycles();
    }

    ArchRule publicSignaturesNameOnlyExportedTypes() {
        return methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideInAnyPackage(root, root + ".exception", root + ".model")
                .should(nameOnlyExportedTypes())
                .because("a type in a public signature is a promise; internal and transport types may change");
    }

    ArchRule publicConstructorsNameOnlyExportedTypes() {
        return com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors().that().arePublic()
                .and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideInAnyPackage(root, root + ".exception", root + ".model")
                .should(nameOnlyExportedTypes())
                .because("no public constructor may take the executor or another internal type");
    }

    private ArchCondition<JavaCodeUnit> nameOnlyExportedTypes() {
        return new ArchCondition<>("name only exported types in their signature") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                String name = unit.getOwner().getSimpleName() + "." + unit.getName();
                if (ALLOWED_SIGNATURES.contains(name) || isOverrideOfObject(unit)) {
                    return;
                }
                Set<JavaClass> named = new LinkedHashSet<>();
                collect(unit.getReturnType(), named);
                unit.getParameterTypes().forEach(type -> collect(type, named));
                for (JavaClass type : named) {
                    if (!allowed(type)) {
                        events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " names "
                                + type.getName() + ", which is not part of the public API"));
                    }
                }
            }
        };
    }

    private static boolean isOverrideOfObject(JavaCodeUnit unit) {
        return unit.getModifiers().contains(JavaModifier.SYNTHETIC) || unit.getModifiers().contains(JavaModifier.BRIDGE);
    }

    private static void collect(JavaType type, Set<JavaClass> into) {
        into.addAll(type.getAllInvolvedRawTypes());
    }

    private boolean allowed(JavaClass type) {
        JavaClass base = type.getBaseComponentType();
        if (base.isPrimitive()) {
            return true;
        }
        String pkg = base.getPackageName();
        if (pkg.equals(root) || pkg.equals(root + ".exception") || pkg.equals(root + ".model")) {
            return true;
        }
        return ALLOWED_FOREIGN_PACKAGES.stream().anyMatch(allowed -> allowed.endsWith(".")
                ? pkg.startsWith(allowed) : pkg.equals(allowed));
    }
}
