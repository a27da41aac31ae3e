package io.github.incus4j.spring.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusAuthenticationException;
import io.github.incus4j.client.model.Server;
import io.github.incus4j.spring.autoconfigure.IncusAutoConfiguration;
import io.github.incus4j.spring.autoconfigure.IncusClients;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import io.github.incus4j.test.oidc.BrowserScript;
import io.github.incus4j.test.oidc.IncusOidcConfig;
import io.github.incus4j.test.oidc.OidcClient;
import io.github.incus4j.test.oidc.OidcProvider;
import io.github.incus4j.test.oidc.OidcUser;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The starter against the real daemon with OpenID Connect: the test provider of
 * {@code incus-test} on loopback, the daemon's {@code oidc.*} pointed at it for this class and
 * reset afterwards. A service account through Spring Security's {@code client_credentials}, in a
 * whole application and in a plain context; a remote the real {@code incus remote add --auth-type
 * oidc} signed in to (its device flow driven by {@link BrowserScript}), used through
 * {@code incus.remote}, renewed when its stored token expired and refused with the command to run
 * when it cannot be; and no secret or token in the log, the actuator or any message.
 */
@IncusIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OidcStarterIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET = "ci-Secret-9a7c41e2";
    private static final OidcUser ALICE = OidcUser.of("alice", "alice@example.com");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path temp;

    private static IncusDaemon daemon;
    private static OidcProvider provider;
    private static Path conf;
    private static Path browser;
    /** How every token of the provider starts: its JOSE header, base64url-encoded. */
    private static String tokenHeader;

    @BeforeAll
    static void start(IncusDaemon incus) throws Exception {
        daemon = incus;
        provider = OidcProvider.builder().client(OidcClient.publicClient("incus"))
                .client(OidcClient.confidential("ci", SECRET)).user(ALICE)
                .accessTokenLifetime(Duration.ofSeconds(20)).start();
        IncusOidcConfig.forProvider(provider).applyTo(daemon);
        conf = Files.createDirectory(temp.resolve("incus-conf"));
        browser = BrowserScript.write(Files.createDirectory(temp.resolve("browser")));
        String minted = provider.token().mint();
        tokenHeader = minted.substring(0, minted.indexOf('.'));
    }

    @AfterAll
    static void resetTheDaemon() {
        try {
            if (daemon != null) {
                IncusOidcConfig.reset(daemon);
            }
        } finally {
            if (provider != null) {
                provider.close();
            }
        }
    }

    @Test
    @Order(1)
    void aServiceAccountAuthenticatesThroughSpringSecuritysClientCredentials() {
        try (BootApp app = BootApp.start(registration("incus.oidc.registration=incus"))) {
            IncusClient client = app.bean(IncusClient.class);

            Server server = client.server().get().block(WAIT);
            assertThat(server.isTrusted()).isTrue();
            assertThat(server.authUserMethod()).isEqualTo("oidc");
            assertThat(server.authUserName()).as("a client_credentials token names the client").isEqualTo("ci");
            assertThat(client.instances().listNames().block(WAIT)).isNotNull();

            HttpResponse<String> health = app.get("/actuator/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(BootApp.<Map<String, Object>>json(health.body(), "$.components.incus.details"))
                    .containsEntry("auth", "trusted").containsEntry("authUserMethod", "oidc")
                    .containsEntry("authUserName", "ci");
        }
    }

    @Test
    @Order(2)
    void inAnApplicationWithoutAWebServerSpringBootsOwnRegistrationsAreUsed() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class,
                        OAuth2ClientAutoConfiguration.class, IncusAutoConfiguration.class))
                .withPropertyValues(registration("incus.clients.lab.oidc.registration=incus"))
                .withPropertyValues("incus.clients.lab.url=" + daemon.httpsUrl(),
                        "incus.clients.lab.server-certificate=" + daemon.serverCertificate())
                .run(context -> {
                    assertThat(context).hasNotFailed().hasBean("clientRegistrationRepository");
                    IncusClient lab = context.getBean(IncusClients.class).get("lab");
                    assertThat(lab.server().get().block(WAIT).authUserName()).isEqualTo("ci");
                });
    }

    @Test
    @Order(3)
    void aRemoteTheCommandLineSignedInToWithOidcIsUsedThroughIncusRemote() throws Exception {
        IncusCli.run(conf, Map.of("BROWSER", browser.toString()), "remote", "add", "sso",
                daemon.httpsUrl().toString(), "--auth-type", "oidc", "--accept-certificate");
        assertThat(Files.readString(conf.resolve("config.yml"))).contains("auth_type: oidc");
        assertThat(conf.resolve("oidctokens/sso.json")).isRegularFile();
        assertThat(signIns()).hasSize(1);

        try (BootApp app = BootApp.start("incus.remote=sso", "incus.cli-config-dir=" + conf)) {
            Server server = app.bean(IncusClient.class).server().get().block(WAIT);
            assertThat(server.authUserMethod()).isEqualTo("oidc");
            assertThat(server.authUserName()).isEqualTo("alice@example.com");
        }
    }

    @Test
    @Order(4)
    void anExpiredStoredTokenIsRenewedAndTheCommandLineKeepsWorking() throws Exception {
        Map<String, Object> stored = tokens();
        String expired = provider.token().user(ALICE).scope("openid offline_access email").claim("client_id", "incus")
                .expired().mint();
        stored.put("access_token", expired);
        writeTokens(stored);

        try (BootApp app = BootApp.start("incus.remote=sso", "incus.cli-config-dir=" + conf)) {
            assertThat(app.bean(IncusClient.class).server().get().block(WAIT).authUserName())
                    .isEqualTo("alice@example.com");
        }

        Map<String, Object> renewed = tokens();
        assertThat(renewed.get("access_token")).isNotEqualTo(expired);
        assertThat(renewed.get("refresh_token")).as("the spent refresh token is replaced")
                .isNotEqualTo(stored.get("refresh_token"));
        String query = IncusCli.run(conf, Map.of("BROWSER", browser.toString()), "query", "sso:/1.0");
        assertThat(query).contains("\"auth_user_name\": \"alice@example.com\"");
        assertThat(signIns()).as("the command line did not have to sign in again").hasSize(1);
    }

    @Test
    @Order(5)
    void aStoredTokenThatCannotBeRenewedSaysToSignInAgain() throws Exception {
        Map<String, Object> stored = tokens();
        String expired = provider.token().user(ALICE).claim("client_id", "incus").expired().mint();
        stored.put("access_token", expired);
        stored.put("refresh_token", "spent-or-revoked-refresh-token");
        writeTokens(stored);

        try (BootApp app = BootApp.start("incus.remote=sso", "incus.cli-config-dir=" + conf)) {
            IncusAuthenticationException failure = catchThrowableOfType(IncusAuthenticationException.class,
                    () -> app.bean(IncusClient.class).server().get().block(WAIT));

            assertThat(failure.reason()).isEqualTo(IncusAuthenticationException.Reason.TOKEN_UNAVAILABLE);
            assertThat(failure.getMessage()).contains("refused the refresh token (HTTP 400 invalid_grant")
                    .contains("Sign in again with the incus command line: 'INCUS_CONF=" + conf + " incus remote "
                            + "remove sso', then 'INCUS_CONF=" + conf + " incus remote add sso " + daemon.httpsUrl()
                            + " --auth-type oidc'")
                    .doesNotContain(expired).doesNotContain("spent-or-revoked-refresh-token");
            HttpResponse<String> health = app.get("/actuator/health");
            assertThat(BootApp.<Map<String, Object>>json(health.body(), "$.components.incus.details"))
                    .containsEntry("reason", "unauthenticated").containsEntry("authFailure", "token-unavailable");
        }
    }

    @Test
    @Order(6)
    void noSecretOrTokenIsPrintedOrShownAnywhere(CapturedOutput output) throws Exception {
        String fixed = provider.token().mint();
        String expired = provider.token().expired().mint();
        List<String> seen = new ArrayList<>();
        try (BootApp app = BootApp.start(registration("incus.oidc.registration=incus",
                "incus.clients.fixed.url=" + daemon.httpsUrl(),
                "incus.clients.fixed.server-certificate=" + daemon.serverCertificate(),
                "incus.clients.fixed.oidc.token=" + fixed,
                "incus.clients.stale.url=" + daemon.httpsUrl(),
                "incus.clients.stale.server-certificate=" + daemon.serverCertificate(),
                "incus.clients.stale.oidc.token=" + expired,
                "logging.level.io.github.incus4j=DEBUG",
                "logging.level.org.springframework.security=DEBUG",
                // WebClient's request details (headers included) logged, as a user debugging might.
                "spring.http.codecs.log-request-details=true",
                "logging.level.org.springframework.web.reactive.function.client=TRACE",
                "management.endpoints.web.exposure.include=health,env,configprops,metrics",
                "management.endpoint.env.show-values=always",
                "management.endpoint.configprops.show-values=always"))) {
            IncusClients clients = app.bean(IncusClients.class);
            assertThat(app.bean(IncusClient.class).server().get().block(WAIT).authUserName()).isEqualTo("ci");
            assertThat(clients.get("fixed").server().get().block(WAIT).authUserName()).isEqualTo("alice@example.com");
            IncusAuthenticationException refused = catchThrowableOfType(IncusAuthenticationException.class,
                    () -> clients.get("stale").instances().listNames().block(WAIT));
            seen.add(refused.getMessage());
            seen.add(refused.toString());
            for (String path : List.of("/actuator/env", "/actuator/configprops", "/actuator/health",
                    "/actuator/env/incus.clients.fixed.oidc.token",
                    "/actuator/env/spring.security.oauth2.client.registration.incus.client-secret",
                    "/actuator/metrics/incus.client.requests")) {
                HttpResponse<String> response = app.get(path);
                assertThat(response.statusCode()).as(path).isIn(200, 503);
                seen.add(response.body());
            }
            List<String> meters = app.bean(MeterRegistry.class).getMeters().stream()
                    .filter(meter -> meter.getId().getName().startsWith("incus."))
                    .map(meter -> meter.getId().toString()).toList();
            assertThat(meters).as("the meters of the calls above").anyMatch(id -> id.contains("incus.client.requests"));
            seen.addAll(meters);
            assertThat(BootApp.<String>json(app.get("/actuator/health/incus/stale").body(), "$.details.authFailure"))
                    .as("the health explains the refused token").isEqualTo("expired");
            assertThat(seen.get(2)).contains("\"incus.clients.fixed.oidc.token\":{\"value\":\"******\"")
                    .contains("\"spring.security.oauth2.client.registration.incus.client-secret\":{\"value\":\"******\"");
        }
        seen.add(output.getAll());
        for (String text : seen) {
            assertThat(text).doesNotContain(SECRET).doesNotContain(fixed).doesNotContain(expired)
                    .as("no token of the provider at all").doesNotContain(tokenHeader);
        }
    }

    /** A client_credentials registration of the provider's confidential client, and more properties. */
    private static String[] registration(String... more) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.security.oauth2.client.registration.incus.client-id=ci",
                "spring.security.oauth2.client.registration.incus.client-secret=" + SECRET,
                "spring.security.oauth2.client.registration.incus.authorization-grant-type=client_credentials",
                "spring.security.oauth2.client.registration.incus.provider=test",
                "spring.security.oauth2.client.provider.test.token-uri=" + provider.tokenEndpoint(),
                "incus.url=" + daemon.httpsUrl(), "incus.server-certificate=" + daemon.serverCertificate(),
                // It secures the web application's own endpoints with Spring Security's web security
                // (spring-boot-security, which this module's test class path leaves out): not the
                // subject here, where the application is a client of Incus.
                "spring.autoconfigure.exclude=org.springframework.boot.security.oauth2.client.autoconfigure.reactive."
                        + "ReactiveOAuth2ClientWebSecurityAutoConfiguration"));
        properties.addAll(List.of(more));
        return properties.toArray(String[]::new);
    }

    private static List<String> signIns() throws Exception {
        Path log = browser.resolveSibling(BrowserScript.LOG_NAME);
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    private static Map<String, Object> tokens() throws Exception {
        return JSON.readValue(Files.readString(conf.resolve("oidctokens/sso.json")),
                new TypeReference<java.util.LinkedHashMap<String, Object>>() {
                });
    }

    private static void writeTokens(Map<String, Object> tokens) throws Exception {
        Files.write(conf.resolve("oidctokens/sso.json"), JSON.writeValueAsBytes(tokens));
    }
}
