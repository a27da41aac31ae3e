package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.Filter;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.ListOptions;
import io.github.incus4j.client.exception.IncusForbiddenException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.model.Warning;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Warnings on a real daemon. The test makes its own warning through the daemon's test hook
 * ({@code POST /internal/debug/warnings}, the way Incus' own test suite does).
 */
@IncusIntegrationTest
class WarningsIntegrationTest {

    @Test
    void aWarningIsListedAcknowledgedAndDeleted(IncusDaemon daemon) {
        String message = Transport.uniqueName("test warning");
        daemon.incusOrFail("query", "-X", "POST", "--data", "{\"message\":\"" + message + "\",\"type_code\":0}",
                "/internal/debug/warnings");
        try (IncusClient client = Transport.HTTPS.client(daemon)) {
            Warning warning = client.warnings().list(ListOptions.NONE).block().stream()
                    .filter(found -> found.lastMessage().equals(message)).findFirst().orElseThrow();
            assertThat(warning.status()).isEqualTo("new");
            assertThat(warning.count()).isEqualTo(1);
            assertThat(warning.firstSeenAt()).isBetween(Instant.now().minus(Duration.ofMinutes(5)), Instant.now());
            assertThat(client.warnings().listNames(ListOptions.NONE).block()).contains(warning.uuid());
            assertThat(client.warnings().get(warning.uuid()).block().lastMessage()).isEqualTo(message);

            client.warnings().acknowledge(warning.uuid()).block();

            assertThat(client.warnings().get(warning.uuid()).block().status()).isEqualTo("acknowledged");
            assertThat(client.warnings().list(ListOptions.filter(Filter.eq("status", "new"))).block())
                    .extracting(Warning::uuid).doesNotContain(warning.uuid());

            // Only the daemon resolves warnings (measured on Incus 6.0.4).
            assertThatThrownBy(() -> client.warnings().updateStatus(warning.uuid(), "resolved").block())
                    .isInstanceOfSatisfying(IncusForbiddenException.class,
                            e -> assertThat(e.serverMessage()).startsWith("Status may only be set to"));
            client.warnings().updateStatus(warning.uuid(), "new").block();
            assertThat(client.warnings().get(warning.uuid()).block().status()).isEqualTo("new");

            client.warnings().delete(warning.uuid()).block();
            assertThatThrownBy(() -> client.warnings().get(warning.uuid()).block())
                    .isInstanceOf(IncusNotFoundException.class);
        }
    }
}
