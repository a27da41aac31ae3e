package io.github.incus4j.client.internal.aot;

import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Registers what the client's Jackson mapper reaches by reflection, for a GraalVM native image of
 * a Spring application: every public type of {@code io.github.incus4j.client.model} with its
 * constructors, fields, record components and accessors, the types those name, and the classes
 * its Jackson annotations name (the {@code recursion=2} deserializers), through Spring's
 * {@link BindingReflectionHintsRegistrar}.
 *
 * <p>The model is everything the client binds: responses are read into model records (or maps,
 * lists and JSON trees), request bodies are model records, maps or JSON trees, and events are
 * built from JSON trees by hand. Spring's AOT engine finds this class through
 * {@code META-INF/spring/aot.factories}, so it applies whether or not the Spring Boot starter is
 * used; applications without Spring get the same content from the reachability metadata file the
 * build generates from this class ({@link ReachabilityMetadataGenerator}).
 */
public final class IncusClientRuntimeHints implements RuntimeHintsRegistrar {

    private final BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();

    /** Creates the registrar; Spring's AOT engine calls it. */
    public IncusClientRuntimeHints() {
    }

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        ClassLoader loader = classLoader != null ? classLoader : IncusClientRuntimeHints.class.getClassLoader();
        binding.registerReflectionHints(hints.reflection(), ModelTypes.find(loader).toArray(Type[]::new));
    }
}
