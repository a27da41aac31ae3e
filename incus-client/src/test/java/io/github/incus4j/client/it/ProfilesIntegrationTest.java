package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.ETagged;
import io.github.incus4j.client.Filter;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.ListOptions;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusForbiddenException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.exception.IncusPreconditionFailedException;
import io.github.incus4j.client.model.InstanceSource;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.Profile;
import io.github.incus4j.client.model.ProfilePut;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Profiles on a real daemon: the whole life of a profile, ETags, and the daemon's answers to mistakes. */
@IncusIntegrationTest
class ProfilesIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aProfileLivesItsWholeLife(Transport transport, IncusDaemon daemon) {
        String name = Transport.uniqueName("prof");
        String renamed = name + "-b";
        try (IncusClient client = transport.client(daemon)) {
            client.profiles().create(name, ProfilePut.empty().withDescription("made by a test")
                    .withConfig("limits.cpu", "1")
                    .withDevice("data", Map.of("type", "disk", "source", "/tmp", "path", "/mnt")))
                    .block();

            Profile created = client.profiles().get(name).block();
            assertThat(created.name()).isEqualTo(name);
            assertThat(created.description()).isEqualTo("made by a test");
            assertThat(created.config()).containsEntry("limits.cpu", "1");
            assertThat(created.devices().get("data")).containsEntry("path", "/mnt");
            assertThat(created.project()).isEqualTo("default");
            assertThat(client.profiles().listNames(ListOptions.NONE).block()).contains("default", name);
            assertThat(client.profiles().list(ListOptions.filter(Filter.eq("name", name))).block())
                    .extracting(Profile::name).containsExactly(name);

            client.profiles().patch(name, Map.of("config", Map.of("limits.memory", "64MiB")), null).block();
            assertThat(client.profiles().get(name).block().config())
                    .containsEntry("limits.cpu", "1").containsEntry("limits.memory", "64MiB");

            client.profiles().rename(name, renamed).block();
            assertThat(client.profiles().get(renamed).block().devices()).containsKey("data");
            assertThatThrownBy(() -> client.profiles().get(name).block()).isInstanceOf(IncusNotFoundException.class);

            client.profiles().delete(renamed).block();
            assertThat(client.profiles().listNames(ListOptions.NONE).block()).doesNotContain(name, renamed);
        }
    }

    @Test
    void aStaleEtagIsRefusedWith412AndAFreshOneIsAccepted(IncusDaemon daemon) {
        String name = Transport.uniqueName("prof-etag");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            client.profiles().create(name, ProfilePut.empty()).block();
            ETagged<Profile> read = client.profiles().getWithEtag(name).block();
            assertThat(read.etag()).matches("\"[0-9a-f]{64}\"");

            client.profiles().update(name, read.value().toPut().withConfig("user.step", "1"), read.etag()).block();

            assertThatThrownBy(() -> client.profiles()
                    .update(name, read.value().toPut().withConfig("user.step", "stale"), read.etag()).block())
                    .isInstanceOfSatisfying(IncusPreconditionFailedException.class,
                            e -> assertThat(e.serverMessage()).contains("ETag doesn't match"));
            assertThatThrownBy(() -> client.profiles().patch(name, Map.of("description", "x"), read.etag()).block())
                    .isInstanceOf(IncusPreconditionFailedException.class);
            ETagged<Profile> fresh = client.profiles().getWithEtag(name).block();
            assertThat(fresh.value().config()).containsEntry("user.step", "1");
            client.profiles().update(name, fresh.value().toPut().withDescription("second"), fresh.etag()).block();
            assertThat(client.profiles().get(name).block().description()).isEqualTo("second");
            client.profiles().delete(name).block();
        }
    }

    // Measured on Incus 6.0.4: a profile in use is refused with HTTP 500, the default profile with 403.
    @Test
    void aProfileInUseAndTheDefaultProfileAreNotDeleted(IncusDaemon daemon) {
        String profile = Transport.uniqueName("prof-used");
        String instance = Transport.uniqueName("user");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            client.profiles().create(profile, ProfilePut.empty()).block();
            client.instances().create(InstancesPost.builder(instance).source(InstanceSource.none())
                    .profiles(List.of("default", profile)).build()).flatMap(creation -> creation.await(WAIT)).block();
            try {
                assertThatThrownBy(() -> client.profiles().delete(profile).block())
                        .isInstanceOfSatisfying(IncusApiException.class, e -> {
                            assertThat(e.status()).isEqualTo(500);
                            assertThat(e.serverMessage()).isEqualTo("Profile is currently in use");
                        });
                assertThatThrownBy(() -> client.profiles().delete("default").block())
                        .isInstanceOfSatisfying(IncusForbiddenException.class,
                                e -> assertThat(e.serverMessage()).isEqualTo("The \"default\" profile cannot be deleted"));
            } finally {
                client.instances().delete(instance).flatMap(deletion -> deletion.await(WAIT)).block();
            }
            client.profiles().delete(profile).block();
            assertThat(client.profiles().listNames().block()).doesNotContain(profile);
        }
    }

    // Measured on Incus 6.0.4: a duplicate profile name is answered with HTTP 500, not 409.
    @Test
    void aDuplicateNameIsRefusedWithTheDaemonsText(IncusDaemon daemon) {
        String name = Transport.uniqueName("prof-dup");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            client.profiles().create(name, ProfilePut.empty()).block();

            assertThatThrownBy(() -> client.profiles().create(name, ProfilePut.empty()).block())
                    .isInstanceOfSatisfying(IncusApiException.class,
                            e -> assertThat(e.serverMessage()).contains("already exists"));
            client.profiles().delete(name).block();
        }
    }
}
