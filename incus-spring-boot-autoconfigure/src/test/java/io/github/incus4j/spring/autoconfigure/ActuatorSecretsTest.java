package io.github.incus4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The keystore password and the client key never show in the actuator's {@code env} and
 * {@code configprops} endpoints, even when they are told to show values, nor in the health or the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class ActuatorSecretsTest {

    private static final String SECRET = "Keyst0re-Secret-7731";

    @TempDir
    static Path directory;

    private static Path keystore;

    @BeforeAll
    static void keystoreWithTheSecretPassword() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(TestFiles.resource("tls/ec.p12"))) {
            store.load(in, "changeit".toCharArray());
        }
        KeyStore copy = KeyStore.getInstance("PKCS12");
        copy.load(null, null);
        copy.setKeyEntry("client", store.getKey("client", "changeit".toCharArray()), SECRET.toCharArray(),
                store.getCertificateChain("client"));
        keystore = directory.resolve("client.p12");
        try (OutputStream out = Files.newOutputStream(keystore)) {
            copy.store(out, SECRET.toCharArray());
        }
    }

    @Test
    void thePasswordIsMaskedWhereverTheActuatorShowsValues(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = application().run()) {
            List<String> bodies = fetchAll(context, "/actuator/configprops", "/actuator/env",
                    "/actuator/env/incus.client-keystore-password", "/actuator/health");

            String incusProperties = bodies.get(0).substring(bodies.get(0).indexOf("\"incus-io.github.incus4j"));
            assertThat(incusProperties).contains("\"clientKeystorePassword\":\"******\"")
                    .contains("\"clientKeystore\":\"" + keystore + "\"");
            assertThat(bodies.get(1)).contains("\"incus.client-keystore-password\":{\"value\":\"******\"");
            assertThat(bodies.get(2)).contains("\"value\":\"******\"");
            assertThat(bodies.get(3)).contains("\"incus\"");
            assertThat(bodies).noneMatch(body -> body.contains(SECRET));
        }
        assertThat(output).doesNotContain(SECRET);
    }

    /**
     * The client key (an encrypted inline key) and its password, bound from environment variables
     * as Kubernetes secrets often are, and a private key in a variable the application refers to,
     * never show; the key is masked by its name however it is given, whatever it holds.
     */
    @Test
    void theClientKeyIsMaskedWhereverTheActuatorShowsValues(CapturedOutput output) throws Exception {
        String keyFile = TestFiles.path("tls/ec-pkcs8.key");
        String pem = Files.readString(TestFiles.resource("tls/rsa-pkcs8.key"));
        String encrypted = Files.readString(TestFiles.resource("tls/ec-pkcs8-encrypted.key"));
        Map<String, Object> environment = Map.of("INCUS_URL", "https://127.0.0.1:1",
                "INCUS_CLIENT_CERTIFICATE", TestFiles.path("tls/ec.crt"), "INCUS_CLIENT_KEY", encrypted,
                "INCUS_CLIENT_KEY_PASSWORD", "key-secret", "INCUS_SERVER_CERTIFICATE", TestFiles.path("tls/server.crt"),
                "VAULT_INCUS_KEY", pem);
        try (ConfigurableApplicationContext context = application(environment, "incus.connect-timeout=200ms",
                "incus.clients.lab.url=https://127.0.0.1:1", "incus.clients.lab.client-certificate="
                        + TestFiles.path("tls/ec.crt"), "incus.clients.lab.client-key=" + keyFile,
                "incus.clients.lab.server-certificate=" + TestFiles.path("tls/server.crt")).run()) {
            List<String> bodies = fetchAll(context, "/actuator/configprops", "/actuator/env",
                    "/actuator/env/incus.client-key", "/actuator/env/VAULT_INCUS_KEY", "/actuator/health");

            String incusProperties = bodies.get(0).substring(bodies.get(0).indexOf("\"incus-io.github.incus4j"));
            assertThat(incusProperties).contains("\"clientKey\":\"******\"")
                    .contains("\"clientKeyPassword\":\"******\"");
            assertThat(bodies.get(1)).contains("\"INCUS_CLIENT_KEY\":{\"value\":\"******\"")
                    .contains("\"INCUS_CLIENT_KEY_PASSWORD\":{\"value\":\"******\"")
                    .contains("\"VAULT_INCUS_KEY\":{\"value\":\"******\"")
                    .contains("\"incus.clients.lab.client-key\":{\"value\":\"******\"");
            assertThat(bodies.get(2)).contains("\"value\":\"******\"");
            assertThat(bodies.get(3)).contains("\"value\":\"******\"");
            for (String secret : List.of(keyFile, pem.strip(), encrypted.strip(), "key-secret")) {
                assertThat(bodies).noneMatch(body -> body.contains(secret));
            }
            for (String key : List.of(pem, encrypted)) {
                SecretsInFailuresTest.fragments(key)
                        .forEach(fragment -> assertThat(bodies).noneMatch(body -> body.contains(fragment)));
            }
        }
        assertThat(output).doesNotContain(keyFile);
    }

    /** Spring Boot masks nothing by key name when values are shown: the masking is this module's. */
    @Test
    void withoutTheIncusSanitizingFunctionSpringBootWouldShowThePassword() throws Exception {
        try (ConfigurableApplicationContext context = application()
                .properties("spring.autoconfigure.exclude=" + IncusSanitizingAutoConfiguration.class.getName())
                .run()) {
            assertThat(fetchAll(context, "/actuator/env/incus.client-keystore-password").get(0)).contains(SECRET);
        }
    }

    private static SpringApplicationBuilder application() {
        return application(Map.of(), "incus.url=https://127.0.0.1:1", "incus.connect-timeout=200ms",
                "incus.server-certificate=" + TestFiles.path("tls/server.crt"),
                "incus.client-keystore=" + keystore, "incus.client-keystore-password=" + SECRET);
    }

    /** The application with these environment variables (instead of the real ones) and properties. */
    private static SpringApplicationBuilder application(Map<String, Object> environment, String... properties) {
        return new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.REACTIVE)
                .initializers(context -> context.getEnvironment().getPropertySources().replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
                .properties(properties)
                .properties("server.port=0", "server.address=127.0.0.1",
                        "management.endpoints.web.exposure.include=env,configprops,health",
                        "management.endpoint.env.show-values=always",
                        "management.endpoint.configprops.show-values=always",
                        "management.endpoint.health.show-details=always");
    }

    private static List<String> fetchAll(ConfigurableApplicationContext context, String... paths) throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        HttpClient http = HttpClient.newHttpClient();
        List<String> bodies = new ArrayList<>();
        for (String path : paths) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
            bodies.add(response.body());
        }
        return bodies;
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }
}
