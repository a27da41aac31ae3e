package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusSettingException.Setting;
import io.github.incus4j.client.exception.IncusSettingException;
import io.github.incus4j.client.internal.protocol.RequestAuthorization;
import reactor.core.publisher.Mono;

/**
 * The token source of {@link IncusTokenSource#of(String)}: one token, checked when it is given,
 * that cannot be renewed (so the client never asks it to, and an expired token is the caller's
 * error to see).
 */
final class FixedTokenSource implements IncusTokenSource {

    private final Mono<String> token;

    FixedTokenSource(String token) {
        if (token == null) {
            throw new IncusSettingException(Setting.BEARER_TOKEN, "bearerToken must not be null");
        }
        String problem = RequestAuthorization.tokenProblem(token);
        if (problem != null) {
            throw new IncusSettingException(Setting.BEARER_TOKEN, "bearerToken " + problem);
        }
        this.token = Mono.just(token);
    }

    @Override
    public Mono<String> token() {
        return token;
    }

    @Override
    public Mono<String> refresh(String rejected) {
        return Mono.empty();
    }

    /** Never the token: this may end up in a log line. */
    @Override
    public String toString() {
        return "IncusTokenSource[fixed token]";
    }
}
