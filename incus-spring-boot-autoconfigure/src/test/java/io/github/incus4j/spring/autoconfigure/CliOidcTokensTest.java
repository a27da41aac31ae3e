package io.github.incus4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.incus4j.test.oidc.OidcClient;
import io.github.incus4j.test.oidc.OidcProvider;
import io.github.incus4j.test.oidc.OidcUser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tokens the {@code incus} command line stores for an OIDC remote, against the test identity
 * provider of {@code incus-test}: signed in through its device flow as the command line does, the
 * file written in the command line's format (with the wrong {@code expiry} Incus 6.0.4 writes).
 * The real command line and daemon are in {@code it.OidcStarterIntegrationTest}.
 */
class CliOidcTokensTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SIGN_IN = "'incus remote remove sso', then 'incus remote add sso "
            + "https://127.0.0.1:8443 --auth-type oidc'";

    private static OidcProvider provider;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() {
        provider = OidcProvider.builder().client(OidcClient.publicClient("incus"))
                .user(OidcUser.of("alice", "alice@example.com")).start();
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void aValidStoredTokenIsUsedAsItIsWhateverTheStoredExpirySays() throws Exception {
        Map<String, Object> signedIn = signIn();
        Path file = write(signedIn);

        String token = tokens(file).token().block();

        assertThat(token).isEqualTo(signedIn.get("access_token"));
        assertThat(read(file)).isEqualTo(signedIn);
    }

    @Test
    void anExpiredTokenIsRenewedWithTheRefreshTokenAndWrittenBackForTheCommandLine() throws Exception {
        Map<String, Object> signedIn = signIn();
        signedIn.put("access_token", provider.token().claim("client_id", "incus").expired().mint());
        Path file = write(signedIn);

        String token = tokens(file).token().block();

        Map<String, Object> stored = read(file);
        assertThat(token).isNotEqualTo(signedIn.get("access_token")).isEqualTo(stored.get("access_token"));
        assertThat(JwtClaims.read(token).expiry()).isAfter(Instant.now());
        assertThat(stored.get("refresh_token")).as("the spent refresh token is replaced")
                .isNotEqualTo(signedIn.get("refresh_token"));
        assertThat(stored).containsEntry("token_type", "Bearer").containsEntry("IDTokenClaims", null)
                .containsKey("IDToken");
        assertThat(Instant.parse((String) stored.get("expiry"))).isAfter(Instant.now());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(directory.resolve("oidctokens")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void aTokenIncusRefusedAsExpiredIsRenewedOnRequest() throws Exception {
        Map<String, Object> signedIn = signIn();
        Path file = write(signedIn);
        CliOidcTokens tokens = tokens(file);
        String first = tokens.token().block();

        String renewed = tokens.refresh(first).block();

        assertThat(renewed).isNotEqualTo(first).isEqualTo(read(file).get("access_token"));
        assertThat(tokens.token().block()).isEqualTo(renewed);
    }

    @Test
    void withoutARefreshTokenTheErrorSaysHowToSignInAgain() throws Exception {
        Map<String, Object> signedIn = signIn();
        String expired = provider.token().expired().mint();
        signedIn.put("access_token", expired);
        signedIn.remove("refresh_token");
        Path file = write(signedIn);

        IllegalStateException failure = catchThrowableOfType(IllegalStateException.class,
                () -> tokens(file).token().block());

        assertThat(failure).hasMessageStartingWith("The OIDC access token the incus command line stored for remote "
                + "'sso' (" + file + ") cannot be used: it expired at ")
                .hasMessageEndingWith("and it cannot be renewed: the file holds no refresh token. Sign in again with "
                        + "the incus command line: " + SIGN_IN);
        assertThat(failure.getMessage()).doesNotContain(expired);
    }

    @Test
    void aRefreshTokenTheProviderRefusesGivesItsErrorAndHowToSignInAgain() throws Exception {
        Map<String, Object> signedIn = signIn();
        signedIn.put("access_token", provider.token().expired().mint());
        signedIn.put("refresh_token", "spent-refresh-token-0123456789");
        Path file = write(signedIn);

        IllegalStateException failure = catchThrowableOfType(IllegalStateException.class,
                () -> tokens(file).token().block());

        assertThat(failure.getMessage()).contains("the identity provider " + provider.issuer() + " refused the "
                + "refresh token (HTTP 400 invalid_grant").endsWith("Sign in again with the incus command line: "
                        + SIGN_IN).doesNotContain("spent-refresh-token-0123456789");
    }

    @Test
    void anUnreachableProviderIsNamed() throws Exception {
        Map<String, Object> signedIn = signIn();
        String nowhere = "http://127.0.0.1:" + io.github.incus4j.test.Ports.freeLoopbackPort();
        signedIn.put("access_token", provider.token().issuer(nowhere).expired().mint());
        Path file = write(signedIn);

        IllegalStateException failure = catchThrowableOfType(IllegalStateException.class,
                () -> tokens(file).token().block());

        assertThat(failure.getMessage()).contains("the identity provider " + nowhere + " could not be reached");
    }

    @Test
    void aFileThatIsNotTheCommandLinesJsonIsNamedWithoutQuotingIt() throws Exception {
        Path file = Files.createDirectories(directory.resolve("oidctokens")).resolve("sso.json");
        Files.writeString(file, "{\"access_token\": \"secret-looking-garbage");

        IllegalStateException failure = catchThrowableOfType(IllegalStateException.class,
                () -> tokens(file).token().block());

        assertThat(failure).hasMessage("The incus command line's OIDC tokens for remote 'sso' (" + file + ") are not "
                + "the JSON it writes. Sign in again with the incus command line: " + SIGN_IN);
    }

    private CliOidcTokens tokens(Path file) {
        return new CliOidcTokens(file, "sso", SIGN_IN);
    }

    /** Writes the tokens as the command line does, with the expiry it writes after a device sign-in. */
    private Path write(Map<String, Object> tokens) throws Exception {
        Path file = Files.createDirectories(directory.resolve("oidctokens")).resolve("sso.json");
        Files.write(file, JSON.writeValueAsBytes(tokens));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static Map<String, Object> read(Path file) throws Exception {
        return JSON.readValue(Files.readString(file), new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    /** The device flow as the command line runs it, the approval as its browser would give it. */
    private static Map<String, Object> signIn() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, Object> started = post(http, "/device_authorization",
                "client_id=incus&scope=" + encode("openid offline_access email"));
        HttpResponse<String> approved = http.send(HttpRequest.newBuilder(
                URI.create((String) started.get("verification_uri_complete"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(approved.statusCode()).isEqualTo(200);
        Map<String, Object> answer = post(http, "/token", "grant_type=" + encode("urn:ietf:params:oauth:grant-type:"
                + "device_code") + "&client_id=incus&device_code=" + encode((String) started.get("device_code")));
        Map<String, Object> tokens = new LinkedHashMap<>();
        tokens.put("access_token", answer.get("access_token"));
        tokens.put("token_type", "Bearer");
        tokens.put("refresh_token", answer.get("refresh_token"));
        // Incus 6.0.4 adds expires_in as nanoseconds: about the time of issue.
        tokens.put("expiry", Instant.now().plus(Duration.ofNanos(300)).toString());
        tokens.put("IDTokenClaims", null);
        tokens.put("IDToken", answer.get("id_token"));
        return tokens;
    }

    private static Map<String, Object> post(HttpClient http, String path, String form) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(provider.issuer() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JSON.readValue(response.body(), new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
