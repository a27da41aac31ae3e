package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusSettingException.Setting;
import io.github.incus4j.client.exception.IncusSettingException;
import reactor.core.publisher.Mono;

/**
 * Gives the OpenID Connect access tokens a client sends to Incus as {@code Authorization: Bearer}
 * (see {@link IncusClientBuilder#bearerTokens(IncusTokenSource)}).
 *
 * <p>{@link #token()} is asked before every request, websocket and raw connection, so it should
 * answer from a cache and renew the token shortly before it expires (an OAuth2 client library
 * does that). When Incus nevertheless answers that the token has expired, the client asks
 * {@link #refresh(String)} once for a fresh token and sends the request again; it never asks twice
 * for the same request, and never for a request whose body was streamed and cannot be sent again.
 *
 * <pre>{@code
 * IncusClient client = IncusClient.builder()
 *         .url("https://incus.example.net:8443")
 *         .serverCertificate(Path.of("servercerts/incus.crt"))
 *         .bearerTokens(() -> Mono.fromCallable(vault::incusAccessToken).subscribeOn(Schedulers.boundedElastic()))
 *         .build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe. A source that blocks (a file, an HTTP call) must move
 * that work off the caller's thread, as above: the client asks from Reactor Netty's event loops.
 * An error signalled by either method fails the request with an
 * {@link io.github.incus4j.client.exception.IncusAuthenticationException} whose reason is
 * {@code TOKEN_UNAVAILABLE}, carrying the error as its cause; it is not sent.
 */
@FunctionalInterface
public interface IncusTokenSource {

    /**
     * Returns the access token to send now.
     *
     * @return the token alone (a JWT, without {@code Bearer }); never empty
     */
    Mono<String> token();

    /**
     * Returns a fresh token after Incus refused {@code rejected} as expired. The default asks
     * {@link #token()} again; a source that caches tokens should drop {@code rejected} and get a
     * new one. Returning the rejected token again, or nothing, ends the attempt with Incus's
     * answer.
     *
     * @param rejected the token Incus refused as expired
     * @return a fresh token, or an empty {@code Mono} when none can be had
     */
    default Mono<String> refresh(String rejected) {
        return token();
    }

    /**
     * A source that always gives the same token and cannot refresh it, for tokens obtained
     * elsewhere (a CI job's short-lived token, a test).
     *
     * @param token the access token alone, without {@code Bearer }
     * @return the source; its {@code toString()} does not show the token
     * @throws IncusSettingException ({@link Setting#BEARER_TOKEN}) if the token is blank, holds
     *     whitespace or starts with {@code Bearer }
     */
    static IncusTokenSource of(String token) {
        return new FixedTokenSource(token);
    }
}
