package io.github.incus4j.spring.autoconfigure.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The delays between attempts to reconnect: doubling, bounded, jittered, and reset on success. */
class ReconnectBackoffTest {

    @Test
    void delaysDoubleUpToTheMaximum() {
        ReconnectBackoff whole = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0.999_999);
        assertThat(seconds(whole, 6)).containsExactly(1, 2, 4, 8, 10, 10);
        assertThat(whole.attempts()).isEqualTo(6);
    }

    @Test
    void eachDelayIsBetweenHalfOfItAndAllOfIt() {
        ReconnectBackoff half = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0.0);
        assertThat(half.next()).isEqualTo(Duration.ofMillis(500));
        assertThat(half.next()).isEqualTo(Duration.ofSeconds(1));
        ReconnectBackoff random = new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(2));
        for (int i = 0; i < 100; i++) {
            assertThat(random.next()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        }
    }

    @Test
    void aConnectionStartsAgainFromTheInitialDelay() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0.999_999);
        seconds(backoff, 4);
        backoff.reset();
        assertThat(backoff.attempts()).isZero();
        assertThat(seconds(backoff, 1)).containsExactly(1);
    }

    @Test
    void manyAttemptsNeverOverflow() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(1), Duration.ofMinutes(1), () -> 0.999_999);
        for (int i = 0; i < 10_000; i++) {
            assertThat(backoff.next()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        }
    }

    @Test
    void delaysMustBePositiveAndOrdered() {
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long[] seconds(ReconnectBackoff backoff, int attempts) {
        long[] seconds = new long[attempts];
        for (int i = 0; i < attempts; i++) {
            seconds[i] = Math.round(backoff.next().toMillis() / 1000.0);
        }
        return seconds;
    }
}
