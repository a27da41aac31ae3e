package io.github.incus4j.test.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Minting tokens directly: the good default and each deliberate defect. */
class TokenBuilderTest {

    private static OidcProvider provider;
    private static Map<String, Object> jwks;

    @BeforeAll
    static void start() throws Exception {
        provider = OidcProvider.builder()
                .client(OidcClient.publicClient("incus"))
                .user(OidcUser.of("alice", "alice@example.com"))
                .accessTokenLifetime(Duration.ofMinutes(10))
                .start();
        jwks = OidcHttp.get(provider.jwksUri()).json();
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void theDefaultTokenIsTheFirstUsersAccessTokenForTheFirstClient() throws Exception {
        long before = Instant.now().getEpochSecond();
        String token = provider.token().mint();

        Map<String, Object> claims = Jwts.claims(token);
        assertThat(claims).containsEntry("iss", provider.issuer()).containsEntry("sub", "alice")
                .containsEntry("email", "alice@example.com").containsEntry("aud", "incus").containsKey("jti");
        long iat = (Long) claims.get("iat");
        assertThat(iat).isBetween(before, before + 5);
        assertThat((Long) claims.get("exp") - iat).isEqualTo(600);
        assertThat(Jwts.header(token)).isEqualTo(Map.of("alg", "RS256", "typ", "JWT", "kid", provider.keyId()));
        assertThat(Jwts.verifies(token, jwks)).isTrue();
    }

    @Test
    void everyTokenHasItsOwnId() {
        TokenBuilder builder = provider.token();
        assertThat(Jwts.claims(builder.mint()).get("jti")).isNotEqualTo(Jwts.claims(builder.mint()).get("jti"));
    }

    @Test
    void anExpiredTokenExpiredAMinuteAgo() {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = Jwts.claims(provider.token().expired().mint());
        assertThat((Long) claims.get("exp")).isBetween(now - 62, now - 58);
        assertThat((Long) claims.get("iat")).isLessThan((Long) claims.get("exp"));
    }

    @Test
    void lifetimeAndTimesAreChosen() {
        Instant issued = Instant.parse("2030-01-01T00:00:00Z");
        Map<String, Object> claims = Jwts.claims(provider.token().issuedAt(issued).lifetime(Duration.ofSeconds(30))
                .notBefore(issued.plusSeconds(10)).mint());
        assertThat(claims).containsEntry("iat", issued.getEpochSecond()).containsEntry("exp", issued.getEpochSecond() + 30)
                .containsEntry("nbf", issued.getEpochSecond() + 10);
        assertThat(Jwts.claims(provider.token().expiresAt(issued).mint())).containsEntry("exp", issued.getEpochSecond());
    }

    @Test
    void audienceIsAStringForOneAnArrayForSeveralAndAbsentForNone() {
        assertThat(Jwts.claims(provider.token().audience("other").mint())).containsEntry("aud", "other");
        assertThat(Jwts.claims(provider.token().audience("a", "b").mint())).containsEntry("aud", List.of("a", "b"));
        assertThat(Jwts.claims(provider.token().audience().mint())).doesNotContainKey("aud");
    }

    @Test
    void scopeIsOneSpaceSeparatedString() {
        assertThat(Jwts.claims(provider.token().scope("openid offline_access email").mint()))
                .containsEntry("scope", "openid offline_access email");
    }

    @Test
    void anyClaimCanBeSetReplacedOrLeftOut() {
        String token = provider.token().issuer("http://127.0.0.1:1").subject("robot").withoutClaim("email")
                .claim("groups", List.of("admins")).claim("exp", 5L).withoutClaim("jti").claim("flag", null).mint();

        Map<String, Object> claims = Jwts.claims(token);
        assertThat(claims).containsEntry("iss", "http://127.0.0.1:1").containsEntry("sub", "robot")
                .containsEntry("groups", List.of("admins")).containsEntry("exp", 5L).containsEntry("flag", null)
                .doesNotContainKeys("email", "jti");
        assertThatThrownBy(() -> provider.token().claim("bad", new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aUserWithoutEmailGivesATokenWithoutEmail() {
        assertThat(Jwts.claims(provider.token().user(OidcUser.withoutEmail("bob")).mint()))
                .containsEntry("sub", "bob").doesNotContainKey("email");
    }

    @Test
    void aRogueSignatureDoesNotVerifyButNamesTheCurrentKey() throws Exception {
        String token = provider.token().signedByRogueKey().mint();

        assertThat(Jwts.header(token)).containsEntry("kid", provider.keyId());
        assertThat(Jwts.verifies(token, jwks)).isFalse();
    }

    @Test
    void theKeyIdCanBeOneTheJwksDoesNotList() throws Exception {
        String token = provider.token().keyId("unknown").mint();

        assertThat(Jwts.header(token)).containsEntry("kid", "unknown");
        assertThat(Jwts.verifies(token, jwks)).isFalse();
    }

    @Test
    void malformedTokensAreNotJwts() {
        assertThat(MalformedTokens.notAJwt()).doesNotContain(".");
        for (String token : List.of(MalformedTokens.undecodablePayload(), MalformedTokens.nonJsonPayload())) {
            assertThat(token.split("\\.")).hasSize(3);
            assertThat(Jwts.header(token)).containsEntry("alg", "RS256");
            assertThatThrownBy(() -> Jwts.claims(token)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
