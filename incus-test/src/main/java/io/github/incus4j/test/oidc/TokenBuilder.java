package io.github.incus4j.test.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds one signed JSON Web Token (RS256), good or deliberately broken, without going through the
 * token endpoint. Get one from {@link OidcProvider#token()}; it starts as the access token the
 * provider would issue to its first user: {@code iss} the provider's issuer, {@code sub} and
 * {@code email} the user's, {@code aud} the first client's id, {@code iat} now, {@code exp} now
 * plus the provider's access token lifetime, a random {@code jti}, signed with the current key
 * under its key id ({@code kid}).
 *
 * <pre>{@code
 * String good = provider.token().mint();
 * String expired = provider.token().expired().mint();
 * String wrongAudience = provider.token().audience("someone-else").mint();
 * String wrongIssuer = provider.token().issuer("http://127.0.0.1:1").mint();
 * String badSignature = provider.token().signedByRogueKey().mint();
 * String robot = provider.token().subject("ci").withoutClaim("email").scope("admin").mint();
 * }</pre>
 *
 * <p>A builder is for one thread; every call to {@link OidcProvider#token()} returns a new one.
 * {@link #mint()} may be called more than once (each token gets a new {@code jti}).
 */
public final class TokenBuilder {

    private static final Duration EXPIRED_AGO = Duration.ofMinutes(1);

    private final KeyRing keys;
    private String issuer;
    private String subject;
    private List<String> audience = List.of();
    private Instant issuedAt;
    private Duration lifetime;
    private Instant expiresAt;
    private Instant notBefore;
    private final Map<String, Object> extraClaims = new LinkedHashMap<>();
    private final Set<String> removedClaims = new HashSet<>();
    private String keyId;
    private boolean rogue;

    TokenBuilder(KeyRing keys, String issuer, Duration lifetime) {
        this.keys = keys;
        this.issuer = issuer;
        this.lifetime = lifetime;
    }

    /**
     * Sets the {@code iss} claim. Incus rejects a token whose issuer is not exactly its
     * {@code oidc.issuer}.
     *
     * @param issuer the issuer, for example another provider's
     * @return this builder
     */
    public TokenBuilder issuer(String issuer) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        return this;
    }

    /**
     * Sets the {@code sub} claim.
     *
     * @param subject the subject
     * @return this builder
     */
    public TokenBuilder subject(String subject) {
        this.subject = Objects.requireNonNull(subject, "subject");
        return this;
    }

    /**
     * Sets {@code sub} and {@code email} from a user; a user without email removes the
     * {@code email} claim.
     *
     * @param user the user
     * @return this builder
     */
    public TokenBuilder user(OidcUser user) {
        subject(user.subject());
        return user.email() == null ? withoutClaim("email") : claim("email", user.email());
    }

    /**
     * Sets the {@code email} claim, which Incus uses as the caller's name unless
     * {@code oidc.claim} names another claim.
     *
     * @param email the email
     * @return this builder
     */
    public TokenBuilder email(String email) {
        return claim("email", Objects.requireNonNull(email, "email"));
    }

    /**
     * Sets the {@code aud} claim: one audience is written as a string, several as an array, none
     * removes the claim. Incus checks it only when {@code oidc.audience} is set.
     *
     * @param audiences the audiences
     * @return this builder
     */
    public TokenBuilder audience(String... audiences) {
        List<String> list = new ArrayList<>(audiences.length);
        for (String audience : audiences) {
            list.add(Objects.requireNonNull(audience, "audience"));
        }
        this.audience = List.copyOf(list);
        return this;
    }

    /**
     * Sets the {@code scope} claim as one space-separated string (RFC 9068), the only form Incus
     * accepts; for the array form Incus rejects, use {@code claim("scope", List.of(...))}.
     *
     * @param scope for example {@code "openid offline_access email"}
     * @return this builder
     */
    public TokenBuilder scope(String scope) {
        return claim("scope", Objects.requireNonNull(scope, "scope"));
    }

    /**
     * Sets the time the token is issued ({@code iat}); the expiry follows from the lifetime unless
     * {@link #expiresAt(Instant)} fixes it.
     *
     * @param issuedAt the issue time, whole seconds are written
     * @return this builder
     */
    public TokenBuilder issuedAt(Instant issuedAt) {
        this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
        return this;
    }

    /**
     * Sets how long the token is valid after {@code iat}. Incus allows no clock skew: a token is
     * rejected from the second {@code exp} is reached.
     *
     * @param lifetime the lifetime; may be zero or negative for a token expired from the start
     * @return this builder
     */
    public TokenBuilder lifetime(Duration lifetime) {
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.expiresAt = null;
        return this;
    }

    /**
     * Sets the expiry ({@code exp}) directly.
     *
     * @param expiresAt the expiry, whole seconds are written
     * @return this builder
     */
    public TokenBuilder expiresAt(Instant expiresAt) {
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        return this;
    }

    /**
     * Makes the token expired: issued five minutes ago, expired one minute ago. Incus answers 401
     * {@code token has expired}.
     *
     * @return this builder
     */
    public TokenBuilder expired() {
        Instant now = Instant.now();
        this.issuedAt = now.minus(EXPIRED_AGO).minus(Duration.ofMinutes(4));
        this.expiresAt = now.minus(EXPIRED_AGO);
        return this;
    }

    /**
     * Adds an {@code nbf} (not before) claim. Incus 6.0 does not check it.
     *
     * @param notBefore the earliest time of use, whole seconds are written
     * @return this builder
     */
    public TokenBuilder notBefore(Instant notBefore) {
        this.notBefore = Objects.requireNonNull(notBefore, "notBefore");
        return this;
    }

    /**
     * Adds or replaces any claim, including the registered ones ({@code iss}, {@code exp}, ...),
     * which then win over the values set by the other methods.
     *
     * @param name  the claim name
     * @param value a {@link String}, {@link Long}, {@link Integer}, {@link Double},
     *              {@link Boolean}, {@link List} or {@link Map} of those, or {@code null} for a JSON
     *              {@code null}
     * @return this builder
     * @throws IllegalArgumentException if the value cannot be written as JSON
     */
    public TokenBuilder claim(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Json.write(value);
        extraClaims.put(name, value);
        removedClaims.remove(name);
        return this;
    }

    /**
     * Leaves a claim out of the token, including a registered one (for example {@code exp} or
     * {@code sub}).
     *
     * @param name the claim name
     * @return this builder
     */
    public TokenBuilder withoutClaim(String name) {
        Objects.requireNonNull(name, "name");
        extraClaims.remove(name);
        removedClaims.add(name);
        return this;
    }

    /**
     * Writes this key id in the header instead of the signing key's. An id the JWKS does not list
     * makes Incus fetch the JWKS again before it gives up.
     *
     * @param keyId the {@code kid} header value
     * @return this builder
     */
    public TokenBuilder keyId(String keyId) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        return this;
    }

    /**
     * Signs with a key that is not in the provider's JWKS, under the current key's id, so the
     * signature does not verify. Incus answers 401 with {@code invalid signature}.
     *
     * @return this builder
     */
    public TokenBuilder signedByRogueKey() {
        this.rogue = true;
        return this;
    }

    /**
     * Signs the token.
     *
     * @return the compact serialisation {@code header.payload.signature}
     */
    public String mint() {
        SigningKey current = keys.current();
        SigningKey signer = rogue ? keys.rogue() : current;
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", SigningKey.ALGORITHM);
        header.put("typ", "JWT");
        header.put("kid", keyId != null ? keyId : current.keyId());
        return signer.sign(header, claims());
    }

    private Map<String, Object> claims() {
        Instant issued = issuedAt != null ? issuedAt : Instant.now();
        Instant expiry = expiresAt != null ? expiresAt : issued.plus(lifetime);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        if (subject != null) {
            claims.put("sub", subject);
        }
        if (audience.size() == 1) {
            claims.put("aud", audience.get(0));
        } else if (!audience.isEmpty()) {
            claims.put("aud", audience);
        }
        claims.put("exp", expiry.getEpochSecond());
        claims.put("iat", issued.getEpochSecond());
        if (notBefore != null) {
            claims.put("nbf", notBefore.getEpochSecond());
        }
        claims.put("jti", RandomStrings.token());
        claims.putAll(extraClaims);
        claims.keySet().removeAll(removedClaims);
        return claims;
    }
}
