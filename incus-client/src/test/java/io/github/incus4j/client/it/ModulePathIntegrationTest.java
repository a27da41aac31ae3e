package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client as a named module: a consumer module of its own is compiled against the client's
 * classes and its runtime jars on the module path, and run in a JVM of its own against the real
 * daemon. Everything else in this module's tests runs on the class path, so this is where a missing
 * {@code requires}, an unopened package or an internal type in a public signature shows.
 */
@IncusIntegrationTest
class ModulePathIntegrationTest {

    private static final String CONSUMER_MODULE = """
            module incus.consumer {
                requires io.github.incus4j.client;
            }
            """;

    private static final String CONSUMER = """
            package consumer;

            import io.github.incus4j.client.IncusClient;
            import io.github.incus4j.client.exception.IncusNotFoundException;
            import io.github.incus4j.client.model.Server;
            import java.nio.file.Path;

            public final class Main {
                public static void main(String[] args) {
                    try (IncusClient incus = IncusClient.builder().unixSocket(Path.of(args[0])).build()) {
                        Server server = incus.server().get().block();
                        System.out.println("module: " + IncusClient.class.getModule().getName());
                        System.out.println("version: " + server.environment().serverVersion());
                        System.out.println("instances listed: " + (incus.instances().list().block() != null));
                        try {
                            incus.instances().get("no-such-instance").block();
                        } catch (IncusNotFoundException expected) {
                            System.out.println("not found: " + expected.status());
                        }
                    }
                }
            }
            """;

    private static final String INTRUDER = """
            package consumer;

            public final class Intruder {
                Object executor = io.github.incus4j.client.internal.protocol.IncusHttp.class;
            }
            """;

    private static String modulePath;

    @BeforeAll
    static void readTheClientsModulePath() throws IOException {
        // Written by the build (maven-dependency-plugin): the client's runtime jars.
        String jars = Files.readString(Path.of("target/runtime-classpath.txt")).strip();
        modulePath = Path.of("target/classes").toAbsolutePath() + File.pathSeparator + jars;
    }

    @Test
    void aConsumerModuleCompilesAndRunsAgainstTheDaemon(IncusDaemon daemon, @TempDir Path work) throws Exception {
        Path sources = writeConsumer(work, CONSUMER);
        Path classes = work.resolve("classes");

        String errors = compile(sources, classes);
        assertThat(errors).as("compiler output").isEmpty();

        Process consumer = new ProcessBuilder(javaLauncher(), "--module-path",
                modulePath + File.pathSeparator + classes, "-m", "incus.consumer/consumer.Main",
                daemon.socketPath().toString())
                .redirectErrorStream(true).start();
        boolean ended = consumer.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            consumer.destroyForcibly();
        }
        String output = new String(consumer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(ended).as("the consumer ended within 60 s: " + output).isTrue();
        assertThat(consumer.exitValue()).as(output).isZero();
        assertThat(output).contains("module: io.github.incus4j.client", "version: " + daemon.version(),
                "instances listed: true", "not found: 404");
    }

    @Test
    void internalPackagesAreNotVisibleToConsumers(@TempDir Path work) throws IOException {
        Path sources = writeConsumer(work, INTRUDER);

        String errors = compile(sources, work.resolve("classes"));

        assertThat(errors).contains("io.github.incus4j.client.internal.protocol")
                .containsAnyOf("is not visible", "does not export");
    }

    private static Path writeConsumer(Path work, String source) throws IOException {
        Path sources = work.resolve("src");
        Path packageDirectory = Files.createDirectories(sources.resolve("consumer"));
        Files.writeString(sources.resolve("module-info.java"), CONSUMER_MODULE);
        String name = source.contains("class Main") ? "Main.java" : "Intruder.java";
        Files.writeString(packageDirectory.resolve(name), source);
        return sources;
    }

    /** Compiles every source under the directory on the client's module path; returns the diagnostics. */
    private static String compile(Path sources, Path classes) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("--module-path", modulePath, "-d", classes.toString()));
        try (var files = Files.walk(sources)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> arguments.add(file.toString()));
        }
        StringWriter diagnostics = new StringWriter();
        int status = compiler.getTask(diagnostics, null, null, arguments.subList(0, 4),
                null, compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)
                        .getJavaFileObjectsFromStrings(arguments.subList(4, arguments.size()))).call() ? 0 : 1;
        String output = diagnostics.toString();
        return status == 0 ? output.strip() : output.isBlank() ? "compilation failed" : output;
    }

    private static String javaLauncher() {
        return ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
