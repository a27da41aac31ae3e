package io.github.incus4j.client.internal.protocol;

import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusAuthenticationException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The client's bearer token: the one place that makes the {@code Authorization} header's value,
 * for ordinary requests, websockets and raw upgrades alike (each asks it per attempt through
 * {@link #run}), and the one place of the refresh rule.
 *
 * <p>The rule: an attempt that Incus refuses because the token has expired is made once more
 * with a token the source calls fresh ({@code refresh(rejected)}), provided the request can be
 * sent again (its body is in memory, and nothing of its answer was handed on yet) and the source
 * gives a token other than the one refused. The second attempt's failure reaches the caller
 * whatever it is: a refusal never leads to a third attempt, so a source that keeps handing out
 * expired tokens costs one extra request, not a loop. Other refusals (a bad signature, a wrong
 * audience) are not retried: a fresh token of the same kind would fail the same way.
 *
 * <p>The token never appears in a message: {@link Attempt} hides it in its {@code toString()}
 * and removes it from the daemon's text before that text becomes an exception.
 */
public final class RequestAuthorization {

    private static final RequestAuthorization NONE = new RequestAuthorization(null, null, Duration.ZERO);

    private final @Nullable Supplier<Mono<String>> tokens;
    private final @Nullable Function<String, Mono<String>> refresh;
    private final Duration timeout;

    private RequestAuthorization(@Nullable Supplier<Mono<String>> tokens, @Nullable Function<String, Mono<String>> refresh,
            Duration timeout) {
        this.tokens = tokens;
        this.refresh = refresh;
        this.timeout = timeout;
    }

    /**
     * No bearer token: requests carry no {@code Authorization} header (a client certificate, or
     * the Unix socket, authenticates them).
     *
     * @return the authorization that adds nothing
     */
    public static RequestAuthorization none() {
        return NONE;
    }

    /**
     * Bearer tokens from a source.
     *
     * @param tokens gives the token for an attempt
     * @param refresh gives a fresh token after the daemon refused the one passed as expired, or
     *     nothing when it cannot
     * @param timeout how long getting a token may take
     * @return the authorization
     */
    public static RequestAuthorization bearer(Supplier<Mono<String>> tokens, Function<String, Mono<String>> refresh,
            Duration timeout) {
        return new RequestAuthorization(tokens, refresh, timeout);
    }

    /**
     * Tells whether requests go without an {@code Authorization} header.
     *
     * @return {@code true} for {@link #none()}
     */
    public boolean isNone() {
        return tokens == null;
    }

    /**
     * Says what is wrong with a token, without quoting it.
     *
     * @param token a token as a source gave it
     * @return what is wrong, as the end of a sentence starting with the token's name, or
     *     {@code null} when it can be sent
     */
    public static @Nullable String tokenProblem(String token) {
        if (token.isBlank()) {
            return "is empty";
        }
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "starts with 'Bearer ': give the access token alone, the client adds the scheme";
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return "holds whitespace, control or non-ASCII characters, which an access token (a JWT) does not "
                        + "have and an HTTP header cannot carry";
            }
        }
        return null;
    }

    /**
     * Runs a request with the current token and, once, with a fresh one after the daemon refused
     * the first as expired (see the class comment for when).
     *
     * @param request the request, for messages
     * @param replayable whether the request can be sent a second time (its body, if any, is in memory)
     * @param attempt sends the request with an attempt's token ({@code null} without a token) and
     *     reads the answer; it must signal the daemon's refusals as {@link Attempt#refused}
     *     made them
     * @param <T> what the attempt emits
     * @return what the successful attempt emits, or the last attempt's failure
     */
    public <T> Flux<T> run(String request, boolean replayable,
            Function<@Nullable Attempt, ? extends Publisher<T>> attempt) {
        if (tokens == null) {
            return Flux.from(attempt.apply(null));
        }
        return obtain(request, tokens, false)
                .switchIfEmpty(Mono.error(() -> unavailable(request, "the token source gave no token")))
                .flatMapMany(first -> {
                    AtomicBoolean emitted = new AtomicBoolean();
                    return Flux.<T>from(attempt.apply(first))
                            .doOnNext(item -> emitted.set(true))
                            .onErrorResume(failure -> replayable && !emitted.get() && refresh != null
                                    && isExpiry(failure), failure -> again(request, first, failure, attempt));
                });
    }

    /** The second and last attempt, with a fresh token; without one, the first attempt's failure. */
    private <T> Flux<T> again(String request, Attempt first, Throwable failure,
            Function<@Nullable Attempt, ? extends Publisher<T>> attempt) {
        Function<String, Mono<String>> renew = refresh;
        Supplier<Mono<String>> fresh = renew != null ? () -> renew.apply(first.token) : Mono::empty;
        return obtain(request, fresh, true)
                .filter(next -> !next.token.equals(first.token))
                .map(Optional::of)
                .onErrorResume(refreshFailure -> {
                    failure.addSuppressed(refreshFailure);
                    return Mono.empty();
                })
                .defaultIfEmpty(Optional.empty())
                .flatMapMany(next -> next.isPresent() ? Flux.<T>from(attempt.apply(next.get())) : Flux.error(failure));
    }

    /** Asks the source (a source that throws instead of signalling an error fails the same way). */
    private Mono<Attempt> obtain(String request, Supplier<Mono<String>> source, boolean fresh) {
        return Mono.defer(() -> {
                    Mono<String> token = source.get();
                    // A fixed token (Mono.just) is there at once; other sources get the client's time limit.
                    return token instanceof Callable<?> ? token : token.timeout(timeout);
                })
                .onErrorMap(failure -> !(failure instanceof IncusAuthenticationException),
                        failure -> IncusAuthenticationException.tokenUnavailable(method(request), path(request),
                                failure))
                .map(value -> {
                    String problem = tokenProblem(value);
                    if (problem != null) {
                        throw unavailable(request, "the token source gave a token that " + problem);
                    }
                    return new Attempt(value, fresh);
                });
    }

    private static boolean isExpiry(Throwable failure) {
        return failure instanceof IncusAuthenticationException refusal
                && refusal.reason() == IncusAuthenticationException.Reason.EXPIRED;
    }

    private static IncusAuthenticationException unavailable(String request, String why) {
        return IncusAuthenticationException.tokenUnavailable(method(request), path(request),
                new IllegalStateException(why));
    }

    private static String method(String request) {
        int space = request.indexOf(' ');
        return space < 0 ? request : request.substring(0, space);
    }

    private static String path(String request) {
        int space = request.indexOf(' ');
        return space < 0 ? "" : request.substring(space + 1);
    }

    /** One attempt's token. Never shows it. */
    public static final class Attempt {

        private final String token;
        private final boolean fresh;

        private Attempt(String token, boolean fresh) {
            this.token = token;
            this.fresh = fresh;
        }

        /**
         * Returns the value of the {@code Authorization} header.
         *
         * @return {@code Bearer <token>}
         */
        public String headerValue() {
            return "Bearer " + token;
        }

        /**
         * Turns the daemon's refusal of this attempt into the exception the caller sees: a 401
         * becomes an {@link IncusAuthenticationException} carrying the daemon's OIDC headers,
         * knowing whether this attempt's token was a fresh one; the token is taken out of the
         * daemon's text should it be quoted there. Any other failure is returned as it is.
         *
         * @param failure what reading the answer raised
         * @param header looks up a header of the answer by name (case-insensitive)
         * @return the failure to signal
         */
        public Throwable refused(Throwable failure, Function<String, @Nullable String> header) {
            if (!(failure instanceof IncusApiException answer) || answer.status() != 401) {
                return failure;
            }
            String text = answer.serverMessage();
            IncusApiException clean = text.contains(token) ? IncusApiException.of(answer.status(), answer.errorCode(),
                    text.replace(token, "[bearer token]"), answer.method(), answer.path()) : answer;
            return new IncusAuthenticationException(clean, header.apply("X-Incus-OIDC-issuer"),
                    header.apply("X-Incus-OIDC-clientid"), header.apply("X-Incus-OIDC-audience"), fresh);
        }

        /**
         * As {@link #refused(Throwable, Function)}, for a failure thrown where only unchecked
         * exceptions may be.
         *
         * @param failure the daemon's error
         * @param header looks up a header of the answer by name
         * @return the failure to throw
         */
        public RuntimeException refused(RuntimeException failure, Function<String, @Nullable String> header) {
            return (RuntimeException) refused((Throwable) failure, header);
        }

        @Override
        public String toString() {
            return "Attempt[Bearer ******" + (fresh ? ", fresh" : "") + "]";
        }
    }
}
