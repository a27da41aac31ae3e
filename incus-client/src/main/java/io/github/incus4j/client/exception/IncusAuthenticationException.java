package io.github.incus4j.client.exception;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Incus did not accept the client's bearer token (HTTP 401), or the client had no token to send.
 *
 * <p>Incus answers 401 only to requests that carry {@code Authorization: Bearer}: it checks the
 * token's signature against the keys of its identity provider ({@code oidc.issuer}), the issuer,
 * the expiry ({@code exp}, with no clock skew allowed) and, when {@code oidc.audience} is set, the
 * audience. {@link #reason()} says which check failed, read from the daemon's text (measured on
 * Incus 6.0.4), and the message says what to do. A client that sends no token, or a client
 * certificate alone, is refused with 403 instead ({@link IncusForbiddenException}). When both a
 * client certificate and a token are sent, Incus uses the token and ignores the certificate: an
 * expired token gives 401 even with a trusted certificate.
 *
 * <p>While OIDC is configured the daemon names its identity provider in the
 * {@code X-Incus-OIDC-issuer}, {@code -clientid} and {@code -audience} headers of such answers;
 * they are kept as {@link #oidcIssuer()}, {@link #oidcClientId()} and {@link #oidcAudience()}.
 *
 * <p>Neither the message nor any accessor holds the token.
 */
public class IncusAuthenticationException extends IncusApiException {

    private static final long serialVersionUID = 1L;

    /** Which check the token failed. */
    public enum Reason {
        /** The token has expired ({@code token has expired}). */
        EXPIRED,
        /**
         * The signature does not verify with the identity provider's keys ({@code invalid
         * signature}, {@code no possible keys matches}): the token comes from another provider or key.
         */
        INVALID_SIGNATURE,
        /** The token's {@code iss} is not the server's {@code oidc.issuer} ({@code issuer does not match}). */
        WRONG_ISSUER,
        /** The token does not list the server's {@code oidc.audience} in {@code aud}. */
        WRONG_AUDIENCE,
        /**
         * Incus could not fetch its identity provider's discovery document or keys
         * ({@code Failed calling OIDC discovery endpoint}, a TLS failure).
         */
        PROVIDER_UNREACHABLE,
        /** The token is not a JSON Web Token Incus can parse (garbage, an opaque token, a bad header). */
        MALFORMED_TOKEN,
        /**
         * A claim has a form Incus cannot read, such as {@code scope} written as a JSON array (as
         * Spring Authorization Server does) instead of a space-separated string.
         */
        UNSUPPORTED_CLAIM,
        /** The client had no token to send: its token source failed or gave none. Nothing was sent. */
        TOKEN_UNAVAILABLE,
        /** Any other refusal; the daemon's text says more. */
        OTHER
    }

    /** Why the token was refused. */
    private final Reason reason;
    /** The server's {@code oidc.issuer}, from its {@code X-Incus-OIDC-issuer} header, if it sent one. */
    private final @Nullable String oidcIssuer;
    /** The server's {@code oidc.client.id}, from its {@code X-Incus-OIDC-clientid} header, if it sent one. */
    private final @Nullable String oidcClientId;
    /** The server's {@code oidc.audience}, from its {@code X-Incus-OIDC-audience} header, if it sent one. */
    private final @Nullable String oidcAudience;
    /** Whether a token fresh from the token source was refused too. */
    private final boolean freshTokenRefused;

    /**
     * Creates the exception for a 401 answer without the daemon's OIDC headers.
     *
     * @param status the HTTP status, usually 401
     * @param errorCode the envelope's {@code error_code}
     * @param serverMessage the daemon's text, which must not hold the token
     * @param method the HTTP method of the request
     * @param path the request path
     */
    public IncusAuthenticationException(int status, int errorCode, String serverMessage, String method, String path) {
        this(status, errorCode, serverMessage, method, path, null, null, null, false, null);
    }

    /**
     * Creates the exception for a 401 answer, with the daemon's {@code X-Incus-OIDC-*} headers.
     *
     * @param answer the error as the daemon sent it (its text must not hold the token)
     * @param oidcIssuer the {@code X-Incus-OIDC-issuer} header, or {@code null}
     * @param oidcClientId the {@code X-Incus-OIDC-clientid} header, or {@code null}
     * @param oidcAudience the {@code X-Incus-OIDC-audience} header, or {@code null} (also when empty)
     * @param freshTokenRefused whether the token refused was a fresh one, asked for after the
     *     daemon had refused the previous one as expired
     */
    public IncusAuthenticationException(IncusApiException answer, @Nullable String oidcIssuer,
            @Nullable String oidcClientId, @Nullable String oidcAudience, boolean freshTokenRefused) {
        this(answer.status(), answer.errorCode(), answer.serverMessage(), answer.method(), answer.path(),
                blankToNull(oidcIssuer), blankToNull(oidcClientId), blankToNull(oidcAudience), freshTokenRefused,
                null);
        setStackTrace(answer.getStackTrace());
    }

    private IncusAuthenticationException(int status, int errorCode, String serverMessage, String method, String path,
            @Nullable String oidcIssuer, @Nullable String oidcClientId, @Nullable String oidcAudience,
            boolean freshTokenRefused, @Nullable Throwable cause) {
        super(status, errorCode, serverMessage, method, path, cause);
        this.reason = status == 0 ? Reason.TOKEN_UNAVAILABLE : classify(serverMessage);
        this.oidcIssuer = oidcIssuer;
        this.oidcClientId = oidcClientId;
        this.oidcAudience = oidcAudience;
        this.freshTokenRefused = freshTokenRefused;
    }

    /**
     * Creates the exception for a request that was not sent because the client's token source
     * failed or gave no usable token; {@link #status()} is 0 and the source's failure is the cause.
     *
     * @param method the HTTP method of the request
     * @param path the request path
     * @param cause what the token source signalled (its message must not hold a token)
     * @return the exception, with {@link Reason#TOKEN_UNAVAILABLE}
     */
    public static IncusAuthenticationException tokenUnavailable(String method, String path, Throwable cause) {
        return new IncusAuthenticationException(0, 0, "", method, path, null, null, null, false, cause);
    }

    /**
     * Returns which check the token failed.
     *
     * @return the reason; {@link Reason#TOKEN_UNAVAILABLE} when nothing was sent
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Returns the identity provider the daemon trusts, from its {@code X-Incus-OIDC-issuer} header.
     *
     * @return the daemon's {@code oidc.issuer}, or {@code null} when it did not say
     */
    public @Nullable String oidcIssuer() {
        return oidcIssuer;
    }

    /**
     * Returns the client id the daemon's command line users sign in with, from its
     * {@code X-Incus-OIDC-clientid} header.
     *
     * @return the daemon's {@code oidc.client.id}, or {@code null} when it did not say
     */
    public @Nullable String oidcClientId() {
        return oidcClientId;
    }

    /**
     * Returns the audience the daemon requires, from its {@code X-Incus-OIDC-audience} header.
     *
     * @return the daemon's {@code oidc.audience}, or {@code null} when none is required or it did not say
     */
    public @Nullable String oidcAudience() {
        return oidcAudience;
    }

    /**
     * Tells whether the refused token was already a fresh one: the daemon had refused the previous
     * token as expired, the client's token source was asked once for a new one, and that was
     * refused too.
     *
     * @return {@code true} after such a second refusal
     */
    public boolean freshTokenRefused() {
        return freshTokenRefused;
    }

    @Override
    public boolean isServerError() {
        return false;
    }

    @Override
    public String getMessage() {
        if (reason == Reason.TOKEN_UNAVAILABLE) {
            Throwable cause = getCause();
            return method() + " " + path() + " was not sent: the client's bearer token source gave no usable token"
                    + (cause != null && cause.getMessage() != null ? " (" + cause.getMessage() + ")" : "")
                    + ". Check the IncusTokenSource given to IncusClient.builder().bearerTokens(...) (with Spring "
                    + "Boot: incus.oidc.*, or the incus command line's sign-in for an OIDC remote)";
        }
        String text = serverMessage().isEmpty() ? "(no message)" : serverMessage();
        return method() + " " + path() + " failed with HTTP " + status() + ": " + text + ". " + advice()
                + (freshTokenRefused ? " The token source was asked once for a fresh token after Incus refused the "
                        + "previous one as expired, and its new token was refused too." : "")
                + provider();
    }

    private String advice() {
        String issuer = oidcIssuer != null ? "'" + oidcIssuer + "'" : "the server's oidc.issuer";
        return switch (reason) {
            case EXPIRED -> "The bearer token has expired (Incus allows no clock skew): give the client tokens that "
                    + "are renewed before they expire (IncusClient.builder().bearerTokens(...) with a source that "
                    + "renews them, such as the Spring Boot starter's incus.oidc.registration), and check that the "
                    + "clocks of this machine and of the Incus server agree.";
            case INVALID_SIGNATURE -> "The token's signature does not verify with the keys of the identity provider "
                    + "Incus trusts (" + issuer + "): get the token from that provider, not another one or a test "
                    + "key.";
            case WRONG_ISSUER -> "The token was issued by another identity provider than the one Incus trusts ("
                    + issuer + "). The issuer must match exactly, character for character (scheme, host name or "
                    + "address, port, trailing slash): get the token from that issuer, or correct oidc.issuer on the "
                    + "server ('incus config set oidc.issuer=...').";
            case WRONG_AUDIENCE -> "Incus requires the audience " + (oidcAudience != null ? "'" + oidcAudience + "'"
                    : "set in oidc.audience") + " in the token's 'aud' claim: ask the identity provider for tokens "
                    + "for that audience (an 'audience' parameter or an audience mapper of the client), or unset "
                    + "oidc.audience on the server.";
            case PROVIDER_UNREACHABLE -> "The Incus server could not reach its identity provider (" + issuer + ") "
                    + "to fetch its discovery document and keys: check that the provider is up and reachable from "
                    + "the server, and that incusd trusts its TLS certificate (SSL_CERT_FILE in incusd's "
                    + "environment for a private CA).";
            case MALFORMED_TOKEN -> "The bearer token is not a JSON Web Token Incus can read: give the client the "
                    + "access token itself (a JWT, without 'Bearer '), not an ID token, a refresh token or an "
                    + "opaque token.";
            case UNSUPPORTED_CLAIM -> "A claim of the token has a form Incus cannot read: Incus needs 'scope' as "
                    + "one space-separated string, and some providers (Spring Authorization Server) write it as a "
                    + "JSON array; customise the provider's tokens to join the scopes, or request none.";
            case TOKEN_UNAVAILABLE, OTHER -> "Incus refused the bearer token: check that it is an access token of "
                    + "the identity provider Incus trusts (" + issuer + ").";
        };
    }

    private String provider() {
        if (oidcIssuer == null && oidcClientId == null && oidcAudience == null) {
            return "";
        }
        return " (Incus's OIDC settings: issuer " + (oidcIssuer != null ? oidcIssuer : "-") + ", client id "
                + (oidcClientId != null ? oidcClientId : "-") + ", audience " + (oidcAudience != null ? oidcAudience
                : "none") + ")";
    }

    /** Reads the daemon's text, as Incus 6.0.4 words it (its OIDC verifier is zitadel/oidc v3). */
    static Reason classify(String serverMessage) {
        String text = serverMessage.toLowerCase(Locale.ROOT);
        if (text.contains("expired")) {
            return Reason.EXPIRED;
        }
        if (text.contains("issuer does not match")) {
            return Reason.WRONG_ISSUER;
        }
        if (text.contains("audience")) {
            return Reason.WRONG_AUDIENCE;
        }
        if (text.contains("invalid signature") || text.contains("no possible keys")) {
            return Reason.INVALID_SIGNATURE;
        }
        if (text.contains("discovery") || text.contains("x509:")) {
            return Reason.PROVIDER_UNREACHABLE;
        }
        if (text.contains("cannot unmarshal")) {
            return Reason.UNSUPPORTED_CLAIM;
        }
        if (text.contains("segments") || text.contains("malformed") || text.contains("invalid character")
                || text.contains("base64") || text.contains("expected a bearer token")
                || text.contains("parsing of request failed")) {
            return Reason.MALFORMED_TOKEN;
        }
        return Reason.OTHER;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
