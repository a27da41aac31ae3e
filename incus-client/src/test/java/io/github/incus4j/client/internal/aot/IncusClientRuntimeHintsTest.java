package io.github.incus4j.client.internal.aot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.model.InstanceDebugRepairPost;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.beans.factory.aot.AotServices;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every model type has the reflection Jackson needs, in the Spring hints and in the jar's GraalVM
 * reachability metadata, and Spring's AOT engine finds the registrar. A model type added without
 * hints, or a metadata file older than the model, fails here.
 */
class IncusClientRuntimeHintsTest {

    private static final String METADATA =
            "META-INF/native-image/io.github.incus4j/incus-client/" + ReachabilityMetadataGenerator.FILE_NAME;

    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void theListingFindsEveryPublicModelType() {
        assertThat(ModelReflection.publicTypes()).hasSizeGreaterThan(100);
        assertThat(ModelTypes.find(loader)).containsExactlyElementsOf(ModelReflection.publicTypes());
    }

    @Test
    void everyModelTypeHasTheReflectionJacksonNeeds() {
        RuntimeHints hints = new RuntimeHints();
        new IncusClientRuntimeHints().registerHints(hints, loader);

        assertThat(ModelReflection.missing(hints)).isEmpty();
        assertThat(ModelReflection.annotationNamedClasses()).extracting(Class::getSimpleName)
                .contains("OfInstance", "OfStorageVolume");
    }

    @Test
    void aModelTypeLeftOutIsNamedWithWhatItLacks() {
        RuntimeHints hints = new RuntimeHints();
        Type[] allButOne = ModelReflection.publicTypes().stream()
                .filter(type -> type != InstanceDebugRepairPost.class).toArray(Type[]::new);
        new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), allButOne);

        String name = InstanceDebugRepairPost.class.getName();
        assertThat(ModelReflection.missing(hints)).containsExactly(name, name + " constructors and fields",
                name + " canonical constructor", name + ".action()");
    }

    @Test
    void springsAotEngineFindsTheRegistrar() {
        assertThat(AotServices.factories(loader).load(RuntimeHintsRegistrar.class))
                .hasAtLeastOneElementOfType(IncusClientRuntimeHints.class);
    }

    @Test
    void theReachabilityMetadataOfTheJarCoversEveryModelType() throws IOException {
        Map<String, JsonNode> entries = new HashMap<>();
        readMetadata().get("reflection").forEach(entry -> entries.put(entry.get("type").asString(), entry));

        for (Class<?> type : ModelReflection.publicTypes()) {
            assertThat(entries).as("%s in %s", type.getName(), METADATA).containsKey(type.getName());
            if (type.isRecord()) {
                JsonNode entry = entries.get(type.getName());
                assertThat(entry.path("allDeclaredConstructors").asBoolean()).as(type.getName()).isTrue();
                assertThat(entry.path("allDeclaredFields").asBoolean()).as(type.getName()).isTrue();
                Set<String> methods = entry.path("methods").valueStream().map(method -> method.get("name").asString())
                        .collect(Collectors.toSet());
                assertThat(methods).as("accessors of %s", type.getName()).containsAll(
                        List.of(type.getRecordComponents()).stream().map(RecordComponent::getName).toList());
            }
        }
        for (Class<?> named : ModelReflection.annotationNamedClasses()) {
            assertThat(entries).as("%s in %s", named.getName(), METADATA).containsKey(named.getName());
            assertThat(entries.get(named.getName()).path("allDeclaredConstructors").asBoolean()).isTrue();
        }
    }

    @Test
    void theReachabilityMetadataOfTheJarIsWhatTheModelGivesNow(@TempDir Path directory) throws IOException {
        Path fresh = ReachabilityMetadataGenerator.write(directory, "io.github.incus4j", "incus-client");

        assertThat(readMetadata())
                .as("%s on the class path was generated from other classes than these; the build's process-classes "
                        + "phase writes it again", METADATA)
                .isEqualTo(JsonMapper.shared().readTree(Files.readString(fresh)));
    }

    private JsonNode readMetadata() throws IOException {
        URL file = loader.getResource(METADATA);
        assertThat(file).as("%s on the class path: the build writes it in process-classes (exec-maven-plugin)",
                METADATA).isNotNull();
        try (InputStream in = file.openStream()) {
            return JsonMapper.shared().readTree(in);
        }
    }
}
