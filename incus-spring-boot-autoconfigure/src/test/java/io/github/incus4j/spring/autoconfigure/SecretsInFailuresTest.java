package io.github.incus4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * A private key or a password given in the properties or the environment (as Kubernetes secrets
 * often are) never appears in what a failed start prints, in the failure analysis, or in any
 * message of the exception chain, whether the value is valid or not.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsInFailuresTest {

    /** Looks like a pasted PKCS#8 key but is not one; every line is distinctive. */
    static final String BROKEN_KEY = "-----BEGIN PRIVATE KEY-----\n"
            + "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDZzSecretLineOne\n"
            + "Zm9vYmFyU2VjcmV0TGluZVR3b0lzQWxzb1NlY3JldEFuZFNob3VsZE5vdEJlU2hvd24=\n"
            + "-----END PRIVATE KEY-----\n";

    static final String PASSWORD = "Kube-Secret-Pa55word-0192";

    static Stream<Arguments> secrets() throws Exception {
        String encryptedKey = java.nio.file.Files.readString(TestFiles.resource("tls/ec-pkcs8-encrypted.key"));
        String url = "https://127.0.0.1:8443";
        String certificate = TestFiles.path("tls/ec.crt");
        String pin = TestFiles.path("tls/server.crt");
        return Stream.of(
                Arguments.argumentSet("pasted key in INCUS_CLIENT_KEY", Map.of("INCUS_URL", url,
                        "INCUS_CLIENT_CERTIFICATE", certificate, "INCUS_CLIENT_KEY", BROKEN_KEY,
                        "INCUS_SERVER_CERTIFICATE", pin), List.of(), "incus.client-key", List.of(BROKEN_KEY)),
                Arguments.argumentSet("pasted encrypted key with a wrong password in the environment", Map.of(
                        "INCUS_URL", url, "INCUS_CLIENT_CERTIFICATE", certificate, "INCUS_CLIENT_KEY", encryptedKey,
                        "INCUS_CLIENT_KEY_PASSWORD", PASSWORD, "INCUS_SERVER_CERTIFICATE", pin), List.of(),
                        "incus.client-key-password", List.of(encryptedKey, PASSWORD)),
                Arguments.argumentSet("pasted key whose file location does not exist", Map.of("INCUS_URL", url,
                        "INCUS_CLIENT_CERTIFICATE", certificate, "INCUS_CLIENT_KEY", "/run/secrets/" + PASSWORD,
                        "INCUS_SERVER_CERTIFICATE", pin), List.of(), "incus.client-key", List.of(PASSWORD)),
                Arguments.argumentSet("pasted key of a named client", Map.of(), List.of(
                        "--incus.clients.lab.url=" + url, "--incus.clients.lab.client-certificate=" + certificate,
                        "--incus.clients.lab.client-key=" + BROKEN_KEY, "--incus.clients.lab.server-certificate="
                                + pin), "incus.clients.lab.client-key", List.of(BROKEN_KEY)),
                Arguments.argumentSet("wrong keystore password in INCUS_CLIENT_KEYSTORE_PASSWORD", Map.of(
                        "INCUS_URL", url, "INCUS_CLIENT_KEYSTORE", TestFiles.path("tls/ec.p12"),
                        "INCUS_CLIENT_KEYSTORE_PASSWORD", PASSWORD, "INCUS_SERVER_CERTIFICATE", pin), List.of(),
                        "incus.client-keystore-password", List.of(PASSWORD)));
    }

    @ParameterizedTest
    @MethodSource("secrets")
    void theSecretIsNowhereInWhatAFailedStartShows(Map<String, String> environment, List<String> arguments,
            String property, List<String> secrets, CapturedOutput output) {
        SpringApplication application = new SpringApplication(App.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.addInitializers(context -> context.getEnvironment().getPropertySources().replace(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<>(environment))));

        Throwable failure = catchThrowable(() -> application.run(arguments.toArray(String[]::new)));

        assertThat(failure).as("the start fails").isNotNull();
        FailureAnalysis analysis = new IncusConfigurationFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("from " + property + ".");
        assertThat(output).contains("APPLICATION FAILED TO START").contains(property);
        List<String> shown = new ArrayList<>(messagesOf(failure));
        shown.add(analysis.getDescription());
        shown.add(analysis.getAction());
        shown.add(output.getAll());
        for (String secret : secrets) {
            for (String fragment : fragments(secret)) {
                assertThat(shown).as("shown text containing '%s'", fragment).noneMatch(text -> text.contains(fragment));
            }
        }
    }

    /** The secret and each of its lines: a library may quote one line, or the value trimmed. */
    static List<String> fragments(String secret) {
        List<String> fragments = new ArrayList<>(List.of(secret.strip()));
        secret.lines().map(String::strip).filter(line -> line.length() >= 20 && !line.startsWith("-----"))
                .forEach(fragments::add);
        return fragments;
    }

    /** Every message of the chain: causes and suppressed failures, with their types' own texts. */
    static List<String> messagesOf(Throwable failure) {
        List<String> messages = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> pending = new ArrayList<>(List.of(failure));
        while (!pending.isEmpty() && seen.size() < 100) {
            Throwable next = pending.remove(0);
            if (next == null || !seen.add(next)) {
                continue;
            }
            messages.add(next.toString());
            pending.add(next.getCause());
            pending.addAll(List.of(next.getSuppressed()));
        }
        return messages;
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({SslAutoConfiguration.class, IncusAutoConfiguration.class})
    static class App {
    }
}
