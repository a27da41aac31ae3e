package io.github.incus4j.test.oidc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The state of the device authorization grant (RFC 8628): codes handed out, waiting for a user to
 * approve or deny them through the verification URL, then redeemed once by the polling client.
 * Expired entries are dropped as new ones come in. Thread-safe (one lock; traffic is tiny).
 */
final class DeviceAuthorizations {

    /** What happened when a user code was presented at the verification URL. */
    enum Decision { APPROVED, DENIED, UNKNOWN_CODE, EXPIRED, ALREADY_DECIDED }

    /**
     * A started authorization, as the device authorization endpoint reports it.
     *
     * @param deviceCode the secret the client polls with
     * @param userCode   the short code a person confirms
     * @param expiresIn  how long both codes stay valid
     */
    record Started(String deviceCode, String userCode, Duration expiresIn) {
    }

    private enum State { PENDING, APPROVED, DENIED }

    private static final class Entry {
        final String deviceCode;
        final String userCode;
        final OidcClient client;
        final String scope;
        final String audience;
        final Instant expiresAt;
        State state = State.PENDING;
        OidcUser user;

        Entry(String deviceCode, String userCode, OidcClient client, String scope, String audience, Instant expiresAt) {
            this.deviceCode = deviceCode;
            this.userCode = userCode;
            this.client = client;
            this.scope = scope;
            this.audience = audience;
            this.expiresAt = expiresAt;
        }
    }

    private final Duration lifetime;
    private final Clock clock;
    private final Map<String, Entry> byDeviceCode = new HashMap<>();
    private final Map<String, Entry> byUserCode = new HashMap<>();

    DeviceAuthorizations(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    synchronized Started start(OidcClient client, String scope, String audience) {
        dropExpired();
        String userCode;
        do {
            userCode = RandomStrings.userCode();
        } while (byUserCode.containsKey(normalise(userCode)));
        Entry entry = new Entry(RandomStrings.token(), userCode, client, scope, audience, clock.instant().plus(lifetime));
        byDeviceCode.put(entry.deviceCode, entry);
        byUserCode.put(normalise(userCode), entry);
        return new Started(entry.deviceCode, entry.userCode, lifetime);
    }

    /** Approves ({@code user} not null) or denies ({@code user} null) the code a person typed. */
    synchronized Decision decide(String userCode, OidcUser user) {
        Entry entry = byUserCode.get(normalise(userCode));
        if (entry == null) {
            return Decision.UNKNOWN_CODE;
        }
        if (isExpired(entry)) {
            return Decision.EXPIRED;
        }
        if (entry.state != State.PENDING) {
            return Decision.ALREADY_DECIDED;
        }
        entry.state = user != null ? State.APPROVED : State.DENIED;
        entry.user = user;
        return user != null ? Decision.APPROVED : Decision.DENIED;
    }

    /**
     * Answers a client polling with its device code: the grant once approved (then the code is
     * used up), otherwise the RFC 8628 error.
     *
     * @throws OAuthException {@code authorization_pending}, {@code access_denied},
     *                        {@code expired_token} or {@code invalid_grant}
     */
    synchronized Grant redeem(String deviceCode, OidcClient client) throws OAuthException {
        Entry entry = byDeviceCode.get(deviceCode);
        if (entry == null || !entry.client.id().equals(client.id())) {
            throw OAuthException.invalidGrant("unknown or already used device_code");
        }
        if (isExpired(entry)) {
            remove(entry);
            throw new OAuthException(400, "expired_token", "the device code has expired; start again");
        }
        switch (entry.state) {
            case PENDING -> throw new OAuthException(400, "authorization_pending",
                    "the user has not approved the code yet");
            case DENIED -> {
                remove(entry);
                throw new OAuthException(400, "access_denied", "the user denied the request");
            }
            default -> {
                remove(entry);
                return new Grant(entry.client, entry.user, entry.scope, entry.audience);
            }
        }
    }

    synchronized int size() {
        return byDeviceCode.size();
    }

    private boolean isExpired(Entry entry) {
        return !clock.instant().isBefore(entry.expiresAt);
    }

    private void remove(Entry entry) {
        byDeviceCode.remove(entry.deviceCode);
        byUserCode.remove(normalise(entry.userCode));
    }

    private void dropExpired() {
        for (Iterator<Entry> it = byDeviceCode.values().iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (isExpired(entry)) {
                it.remove();
                byUserCode.remove(normalise(entry.userCode));
            }
        }
    }

    /** People type codes in any case, with or without the dash. */
    private static String normalise(String userCode) {
        return userCode.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
