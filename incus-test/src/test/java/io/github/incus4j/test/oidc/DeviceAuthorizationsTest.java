package io.github.incus4j.test.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Expiry of device codes, on a clock the test moves. */
class DeviceAuthorizationsTest {

    private static final OidcClient CLIENT = OidcClient.publicClient("incus");
    private static final OidcUser USER = OidcUser.of("alice", "alice@example.com");

    private final MovableClock clock = new MovableClock();
    private final DeviceAuthorizations devices = new DeviceAuthorizations(Duration.ofMinutes(5), clock);

    @Test
    void anExpiredCodeCanNeitherBeApprovedNorRedeemed() {
        DeviceAuthorizations.Started started = devices.start(CLIENT, "openid", null);
        clock.advance(Duration.ofMinutes(5));

        assertThat(devices.decide(started.userCode(), USER)).isEqualTo(DeviceAuthorizations.Decision.EXPIRED);
        assertThatThrownBy(() -> devices.redeem(started.deviceCode(), CLIENT))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo("expired_token"));
        assertThatThrownBy(() -> devices.redeem(started.deviceCode(), CLIENT))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo("invalid_grant"));
    }

    @Test
    void anApprovedCodeIsRedeemedOnceWithItsGrant() throws Exception {
        DeviceAuthorizations.Started started = devices.start(CLIENT, "openid email", "aud");
        assertThat(devices.decide(started.userCode(), USER)).isEqualTo(DeviceAuthorizations.Decision.APPROVED);
        clock.advance(Duration.ofMinutes(4));

        Grant grant = devices.redeem(started.deviceCode(), CLIENT);

        assertThat(grant).isEqualTo(new Grant(CLIENT, USER, "openid email", "aud"));
        assertThat(devices.size()).isZero();
    }

    @Test
    void expiredCodesAreDroppedWhenNewOnesStart() {
        devices.start(CLIENT, null, null);
        devices.start(CLIENT, null, null);
        clock.advance(Duration.ofMinutes(6));

        devices.start(CLIENT, null, null);

        assertThat(devices.size()).isEqualTo(1);
    }

    @Test
    void refreshTokensExpire() throws Exception {
        RefreshTokenStore store = new RefreshTokenStore(Duration.ofHours(1), clock);
        Grant grant = new Grant(CLIENT, USER, "offline_access", null);
        String token = store.issue(grant);
        String other = store.issue(grant);
        clock.advance(Duration.ofMinutes(59));
        assertThat(store.redeem(token, CLIENT)).isEqualTo(grant);

        clock.advance(Duration.ofMinutes(1));

        assertThatThrownBy(() -> store.redeem(other, CLIENT))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo("invalid_grant"));
        store.issue(grant);
        assertThat(store.size()).isEqualTo(1);
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2030-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
