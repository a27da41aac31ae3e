package io.github.incus4j.client.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.Filter;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusConflictException;
import io.github.incus4j.client.model.ImageAlias;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random names against the real daemon: every name is one path segment, so the daemon
 * answers "not found" (or "invalid name") or with the object itself, never with another endpoint.
 * The seed is printed; rerun a failure with {@code -Dincus.names.seed=<seed>}.
 */
@IncusIntegrationTest
class NameEncodingPropertyTest {

    private static final String ALPHABET = "abcXYZ019-_./?#%& +=;:@!$'()*,[]~\"\\éü漢😀";
    private static final int NAMES = 150;

    private static long seed() {
        return Long.getLong("incus.names.seed", System.nanoTime());
    }

    private static String randomName(Random random) {
        int length = 1 + random.nextInt(12);
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < length; i++) {
            name.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0,
                    random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
        }
        return name.toString();
    }

    @Test
    void randomInstanceNamesAreNotFoundOrInvalidNeverAnotherEndpoint(IncusDaemon daemon) {
        long seed = seed();
        System.out.println("[names] instance names seed " + seed);
        Random random = new Random(seed);
        try (IncusClient client = IncusClient.builder().unixSocket(daemon.socketPath()).build()) {
            for (int i = 0; i < NAMES; i++) {
                String name = randomName(random);
                if (name.isBlank() || name.equals(".") || name.equals("..")) {
                    assertThatThrownBy(() -> client.instances().get(name)).isInstanceOf(IllegalArgumentException.class);
                    continue;
                }
                assertThatThrownBy(() -> client.instances().get(name).block())
                        .as("seed %d, name '%s'", seed, name)
                        .isInstanceOfSatisfying(IncusApiException.class,
                                e -> assertThat(e.status()).as(e.getMessage()).isIn(400, 404));
            }
        }
    }

    @Test
    void randomAliasNamesReachExactlyTheirOwnAlias(IncusDaemon daemon) {
        long seed = seed();
        System.out.println("[names] alias names seed " + seed);
        Random random = new Random(seed);
        int roundTrips = 0;
        try (IncusClient client = IncusClient.builder().unixSocket(daemon.socketPath()).build()) {
            for (int i = 0; i < 40; i++) {
                String name = "p" + i + "-" + randomName(random);
                try {
                    client.images().aliases().create(ImageAlias.of(name, daemon.imageFingerprint(), "")).block();
                } catch (IncusConflictException | IllegalArgumentException notUsable) {
                    continue;
                } catch (IncusApiException refused) {
                    // The daemon refuses some names outright ("Invalid alias name"): that is its answer.
                    assertThat(refused.status()).as("seed %d, name '%s': %s", seed, name, refused.getMessage())
                            .isEqualTo(400);
                    continue;
                }
                try {
                    ImageAlias read = client.images().aliases().get(name).block();
                    assertThat(read.name()).as("seed %d", seed).isEqualTo(name);
                    assertThat(read.target()).isEqualTo(daemon.imageFingerprint());
                    assertThat(client.images().aliases().list().block()).extracting(ImageAlias::name).contains(name);
                    roundTrips++;
                } finally {
                    client.images().aliases().delete(name).block();
                }
            }
        }
        System.out.println("[names] " + roundTrips + " of 40 random alias names made the round trip");
        assertThat(roundTrips).as("seed %d: aliases the daemon accepted", seed).isGreaterThanOrEqualTo(10);
    }

    @Test
    void randomFilterValuesAreOneQueryValue(IncusDaemon daemon) {
        long seed = seed();
        System.out.println("[names] filter values seed " + seed);
        Random random = new Random(seed);
        try (IncusClient client = IncusClient.builder().unixSocket(daemon.socketPath()).build()) {
            for (int i = 0; i < 60; i++) {
                String value = randomName(random);
                if (value.contains("\"")) {
                    assertThatThrownBy(() -> Filter.eq("name", value)).isInstanceOf(IllegalArgumentException.class);
                    continue;
                }
                assertThat(client.instances().listNames(io.github.incus4j.client.ListOptions
                        .filter(Filter.eq("name", value))).block()).as("seed %d, value '%s'", seed, value).isEmpty();
            }
        }
    }
}
