package io.github.incus4j.client.internal.aot;

import java.nio.file.Path;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.nativex.FileNativeConfigurationWriter;
import org.springframework.core.SpringVersion;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the GraalVM reachability metadata of incus-client
 * ({@code META-INF/native-image/GROUP/ARTIFACT/reachability-metadata.json}) from
 * {@link IncusClientRuntimeHints}, so that a native image of an application without Spring gets
 * the same reflection as one built with Spring's AOT engine.
 *
 * <p>The client's build runs it after compiling ({@code process-classes}) into
 * {@code target/classes}, so the file in the jar is always made from the model as built and is
 * never edited by hand. The format is the one file of GraalVM for JDK 23 and later, written by
 * Spring Framework's own writer (the one its AOT engine uses for applications).
 */
public final class ReachabilityMetadataGenerator {

    static final String FILE_NAME = "reachability-metadata.json";

    private ReachabilityMetadataGenerator() {
    }

    /**
     * Writes the file.
     *
     * @param args the output directory (the root of the class path, such as {@code target/classes}),
     *     the group id and the artifact id
     */
    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException(
                    "Usage: ReachabilityMetadataGenerator OUTPUT_DIRECTORY GROUP_ID ARTIFACT_ID");
        }
        Path file = write(Path.of(args[0]), args[1], args[2]);
        System.out.println("[incus-client] wrote " + file);
    }

    /**
     * Writes the file under a class path root.
     *
     * @param root the class path root
     * @param groupId the group id, the first directory under {@code META-INF/native-image}
     * @param artifactId the artifact id, the second
     * @return the file written
     */
    static Path write(Path root, String groupId, String artifactId) {
        RuntimeHints hints = new RuntimeHints();
        new IncusClientRuntimeHints().registerHints(hints, ReachabilityMetadataGenerator.class.getClassLoader());
        // An empty listing would ship a file that covers nothing; fail the build instead.
        if (hints.reflection().typeHints().noneMatch(hint -> hint.getType().getPackageName().equals(ModelTypes.PACKAGE))) {
            throw new IllegalStateException("No type of " + ModelTypes.PACKAGE + " was found on the class path of "
                    + ReachabilityMetadataGenerator.class.getClassLoader());
        }
        new FileNativeConfigurationWriter(root, groupId, artifactId).write(hints);
        Path file = root.resolve("META-INF").resolve("native-image").resolve(groupId).resolve(artifactId)
                .resolve(FILE_NAME);
        // Spring's writer names only itself; say where the content comes from and that it is generated.
        JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        ObjectNode document = (ObjectNode) json.readTree(file.toFile());
        document.put("comment", "Generated when incus-client was built, from the types of " + ModelTypes.PACKAGE
                + ", by " + ReachabilityMetadataGenerator.class.getName() + " with Spring Framework "
                + SpringVersion.getVersion() + "'s writer. Do not edit.");
        json.writeValue(file.toFile(), document);
        return file;
    }
}
