package io.github.incus4j.test.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code incus} command line signing in through the test provider with the device flow,
 * driven without a person or a TTY: {@code BROWSER} is {@link BrowserScript}, which fetches the
 * verification URL and so approves the code. The tests run in order: the remote added by the first
 * is used by the next ones.
 */
@IncusIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OidcCliIntegrationTest {

    private static final String REMOTE = "sso";
    private static final OidcUser ALICE = OidcUser.of("alice", "alice@example.com");
    /** Short, so a later command finds its token expired and has to refresh it. */
    private static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(4);

    @TempDir
    static Path temp;

    private static OidcProvider provider;
    private static IncusDaemon daemon;
    private static IncusCli cli;
    private static Path config;

    @BeforeAll
    static void start(IncusDaemon incus) throws Exception {
        daemon = incus;
        provider = OidcProvider.builder()
                .client(OidcClient.publicClient("incus"))
                .user(ALICE)
                .accessTokenLifetime(ACCESS_TOKEN_LIFETIME)
                .start();
        IncusOidcConfig.forProvider(provider).applyTo(daemon);
        config = Files.createDirectory(temp.resolve("incus-conf"));
        Path browserDirectory = Files.createDirectory(temp.resolve("browser"));
        cli = new IncusCli(config, BrowserScript.write(browserDirectory), temp);
    }

    @AfterAll
    static void resetTheDaemon() {
        OidcCleanup.resetAndStop(daemon, provider);
    }

    @Test
    @Order(1)
    void remoteAddSignsInThroughTheDeviceFlow() throws Exception {
        IncusCli.Result added = cli.run("remote", "add", REMOTE, daemon.httpsUrl().toString(), "--auth-type", "oidc",
                "--accept-certificate");

        assertThat(added.exitCode()).as(added.toString()).isZero();
        assertThat(added.stdout()).contains("URL: " + provider.issuer() + "/device?user_code=").contains("Code: ");
        assertThat(browserLog()).hasSize(1);
        String remotes = Files.readString(config.resolve("config.yml"), StandardCharsets.UTF_8);
        assertThat(remotes).contains(REMOTE + ":").contains("auth_type: oidc").contains(daemon.httpsUrl().toString());
        assertThat(config.resolve("servercerts").resolve(REMOTE + ".crt")).exists();
    }

    @Test
    @Order(2)
    void theTokenFileHoldsTheTokensReadableByItsOwnerOnly() throws Exception {
        Path tokenFile = config.resolve("oidctokens").resolve(REMOTE + ".json");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
        Map<String, Object> tokens = Json.readObject(Files.readString(tokenFile, StandardCharsets.UTF_8));
        System.err.println("[oidc] " + tokenFile.getFileName() + " fields: " + describe(tokens));
        assertThat(tokens).containsKeys("access_token", "token_type", "refresh_token", "expiry", "IDTokenClaims", "IDToken")
                .containsEntry("token_type", "Bearer");
        Map<String, Object> claims = Jwts.claims((String) tokens.get("access_token"));
        System.err.println("[oidc] stored expiry " + tokens.get("expiry") + ", the access token's exp "
                + java.time.Instant.ofEpochSecond((Long) claims.get("exp")));
        assertThat(claims).containsEntry("iss", provider.issuer()).containsEntry("sub", "alice")
                .containsEntry("email", "alice@example.com").containsEntry("scope", "openid offline_access email");
        assertThat(Jwts.claims((String) tokens.get("IDToken"))).containsEntry("aud", "incus");
    }

    @Test
    @Order(3)
    void laterCommandsUseTheStoredToken() throws Exception {
        IncusCli.Result list = cli.run("list", REMOTE + ":", "--format", "csv");
        assertThat(list.exitCode()).as(list.toString()).isZero();

        IncusCli.Result server = cli.run("query", REMOTE + ":/1.0");

        assertThat(server.exitCode()).as(server.toString()).isZero();
        Map<String, Object> metadata = Json.readObject(server.stdout());
        assertThat(metadata).containsEntry("auth", "trusted").containsEntry("auth_user_method", "oidc")
                .containsEntry("auth_user_name", "alice@example.com");
        assertThat(browserLog()).hasSize(1);
    }

    @Test
    @Order(4)
    void anExpiredTokenIsRefreshedWithoutSigningInAgain() throws Exception {
        Path tokenFile = config.resolve("oidctokens").resolve(REMOTE + ".json");
        String before = (String) Json.readObject(Files.readString(tokenFile, StandardCharsets.UTF_8)).get("access_token");
        long expiry = (Long) Jwts.claims(before).get("exp");
        long waitMillis = expiry * 1000 - System.currentTimeMillis() + 1100;
        if (waitMillis > 0) {
            Thread.sleep(Math.min(waitMillis, ACCESS_TOKEN_LIFETIME.toMillis() + 1100));
        }

        IncusCli.Result server = cli.run("query", REMOTE + ":/1.0");

        assertThat(server.exitCode()).as(server.toString()).isZero();
        assertThat(Json.readObject(server.stdout())).containsEntry("auth", "trusted");
        assertThat(browserLog()).as("no second device sign-in").hasSize(1);
        Map<String, Object> stored = Json.readObject(Files.readString(tokenFile, StandardCharsets.UTF_8));
        System.err.println("[oidc] after the refresh " + tokenFile.getFileName() + " fields: " + describe(stored)
                + ", stored expiry " + stored.get("expiry"));
        String after = (String) stored.get("access_token");
        assertThat(after).isNotEqualTo(before);
        assertThat((Long) Jwts.claims(after).get("exp")).isGreaterThan(expiry);
    }

    private static List<String> browserLog() throws Exception {
        Path log = temp.resolve("browser").resolve(BrowserScript.LOG_NAME);
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    /** Field names and value types, never the values: they are tokens. */
    private static String describe(Map<String, Object> tokens) {
        StringBuilder out = new StringBuilder();
        tokens.forEach((name, value) -> out.append(name).append('=')
                .append(value == null ? "null" : value.getClass().getSimpleName()).append(' '));
        return out.toString().strip();
    }
}
