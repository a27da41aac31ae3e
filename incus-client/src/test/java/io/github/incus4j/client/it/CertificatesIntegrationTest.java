package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.ListOptions;
import io.github.incus4j.client.OperationHandle;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusForbiddenException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.model.Certificate;
import io.github.incus4j.client.model.CertificateAddToken;
import io.github.incus4j.client.model.CertificatesPost;
import io.github.incus4j.client.model.InstanceSource;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.ProjectPut;
import io.github.incus4j.test.ClientCredentials;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trust store on a real daemon: adding, restricting and removing certificates, trust tokens. */
@IncusIntegrationTest
class CertificatesIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aCertificateAddedFromPemIsTrustedRestrictedAndRemoved(IncusDaemon daemon) {
        ClientCredentials newcomer = daemon.newClientCredentials("newcomer");
        String fingerprint = newcomer.certificateFingerprint();
        String project = Transport.uniqueName("cert-p");
        String instance = Transport.uniqueName("cert-i");
        try (IncusClient admin = Transport.UNIX_SOCKET.client(daemon);
                IncusClient client = Transport.https(daemon, newcomer).build()) {
            admin.projects().create(project, ProjectPut.empty().withConfig("features.profiles", "false")).block();
            admin.project(project).instances().create(InstancesPost.builder(instance).source(InstanceSource.none())
                    .build()).flatMap(creation -> creation.await(WAIT)).block();
            assertThatThrownBy(() -> client.instances().listNames().block()).isInstanceOf(IncusForbiddenException.class);

            admin.certificates().add(CertificatesPost.certificate("newcomer", newcomer.certificatePem())).block();

            Certificate added = admin.certificates().get(fingerprint).block();
            assertThat(added.name()).isEqualTo("newcomer");
            assertThat(added.type()).isEqualTo("client");
            assertThat(added.restricted()).isFalse();
            assertThat(admin.certificates().listNames(ListOptions.NONE).block()).contains(fingerprint);
            assertThat(admin.certificates().list(ListOptions.NONE).block()).extracting(Certificate::fingerprint)
                    .contains(fingerprint);
            assertThat(client.server().get().block().isTrusted()).isTrue();
            assertThat(client.project(project).instances().listNames().block()).containsExactly(instance);

            admin.certificates().restrict(fingerprint, List.of(project)).block();

            Certificate restricted = admin.certificates().get(fingerprint).block();
            assertThat(restricted.restricted()).isTrue();
            assertThat(restricted.projects()).containsExactly(project);
            assertThat(client.project(project).instances().listNames().block()).containsExactly(instance);
            // Measured on Incus 6.0.4: HTTP 500 (not 403) with this text for a project outside the restriction.
            assertThatThrownBy(() -> client.project("default").instances().listNames().block())
                    .isInstanceOfSatisfying(IncusApiException.class, e -> {
                        assertThat(e.serverMessage()).contains("does not have permissions for project \"default\"");
                        assertThat(e.status()).isIn(403, 500);
                    });

            admin.certificates().delete(fingerprint).block();

            assertThatThrownBy(() -> admin.certificates().get(fingerprint).block())
                    .isInstanceOf(IncusNotFoundException.class);
            assertThatThrownBy(() -> client.project(project).instances().listNames().block())
                    .isInstanceOf(IncusForbiddenException.class);
            admin.project(project).instances().delete(instance).flatMap(deletion -> deletion.await(WAIT)).block();
            admin.projects().delete(project).block();
        }
    }

    @Test
    void aClientTrustsItselfWithATokenOnlyOnce(IncusDaemon daemon) {
        ClientCredentials joining = daemon.newClientCredentials("joining");
        try (IncusClient admin = Transport.UNIX_SOCKET.client(daemon);
                IncusClient client = Transport.https(daemon, joining).build()) {
            OperationHandle issued = admin.certificates().createToken(CertificatesPost.tokenRequest("joining")).block();
            CertificateAddToken token = CertificateAddToken.fromOperation(issued.lastSeen());
            assertThat(token.clientName()).isEqualTo("joining");
            assertThat(token.secret()).isNotEmpty();
            assertThat(token.addresses()).contains(daemon.httpsUrl().getAuthority());
            assertThat(CertificateAddToken.decode(token.encoded())).isEqualTo(token);
            assertThat(client.server().get().block().isTrusted()).isFalse();

            client.certificates().trustWithToken(token.encoded()).block();

            assertThat(client.server().get().block().isTrusted()).isTrue();
            assertThat(client.instances().listNames().block()).isEqualTo(admin.instances().listNames().block());
            Certificate trusted = admin.certificates().get(joining.certificateFingerprint()).block();
            assertThat(trusted.name()).isEqualTo("joining");
            admin.certificates().delete(joining.certificateFingerprint()).block();
            assertThatThrownBy(() -> client.certificates().trustWithToken(token.encoded()).block())
                    .isInstanceOf(IncusApiException.class);
        }
    }

    @Test
    void aCancelledTokenNoLongerTrustsAnyone(IncusDaemon daemon) {
        ClientCredentials late = daemon.newClientCredentials("late");
        try (IncusClient admin = Transport.UNIX_SOCKET.client(daemon);
                IncusClient client = Transport.https(daemon, late).build()) {
            OperationHandle issued = admin.certificates().createToken(CertificatesPost.tokenRequest("late")).block();
            String token = CertificateAddToken.fromOperation(issued.lastSeen()).encoded();

            issued.cancel().block();

            assertThatThrownBy(() -> client.certificates().trustWithToken(token).block())
                    .isInstanceOf(IncusApiException.class);
            assertThat(client.server().get().block().isTrusted()).isFalse();
        }
    }
}
