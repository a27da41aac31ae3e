package io.github.incus4j.spring.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusOperationException;
import io.github.incus4j.client.model.Instance;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.Operation;
import io.github.incus4j.spring.autoconfigure.IncusClients;
import io.github.incus4j.spring.autoconfigure.IncusConnectionDetails;
import io.github.incus4j.spring.autoconfigure.operations.IncusOperationWaiter;
import io.github.incus4j.test.ClientCredentials;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The Java snippets of the README's "Spring Boot starter" sections, as classes of an application
 * run on the real daemon: {@code Sandboxes} ("Spring Boot starter"), the waiter's progress callback
 * ("Waiting for operations"), {@code LabJobs} ("Several Incus servers") and the details bean
 * ("Connection details from elsewhere"). The classes are the
 * README's text; what differs is the daemon's socket and remote, and unique names so that tests can
 * share the daemon.
 */
@IncusIntegrationTest
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReadmeExamplesIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    @Test
    void sandboxesLaunchesAnEphemeralBusyboxContainerThroughTheWaiter(IncusDaemon daemon) {
        String name = "sandbox-" + Long.toHexString(System.nanoTime()).substring(6);
        try (BootApp app = BootApp.startWith(SingleClient.class, "incus.socket-path=" + daemon.socketPath())) {
            Sandboxes sandboxes = app.bean(Sandboxes.class);
            try {
                Operation launched = sandboxes.launch(name).block(WAIT);

                assertThat(launched.isSuccess()).isTrue();
                assertThat(launched.resources().get("instances")).contains("/1.0/instances/" + name);
                Instance instance = app.bean(IncusClient.class).instances().get(name).block(WAIT);
                assertThat(instance.isRunning()).isTrue();
                assertThat(instance.ephemeral()).isTrue();
            } finally {
                daemon.incus("delete", "--force", name);
            }
        }
    }

    @Test
    void theWaiterWithAProgressCallbackStartsTheInstanceAndRaisesTheDaemonsError(IncusDaemon daemon) {
        String web1 = "web1-" + Long.toHexString(System.nanoTime()).substring(6);
        daemon.incusOrFail("init", daemon.imageAlias(), web1);
        try (BootApp app = BootApp.startWith(SingleClient.class, "incus.socket-path=" + daemon.socketPath())) {
            Starts starts = app.bean(Starts.class);
            IncusClient client = app.bean(IncusClient.class);

            Operation started = starts.start(web1).block(WAIT);

            assertThat(started.isSuccess()).isTrue();
            assertThat(client.instances().get(web1).block(WAIT).isRunning()).isTrue();
            // "raises the operation's own error (IncusOperationException with the daemon's text)"
            assertThatThrownBy(() -> starts.start(web1).block(WAIT))
                    .isInstanceOfSatisfying(IncusOperationException.class,
                            e -> assertThat(e.error()).containsIgnoringCase("already running"));
        } finally {
            daemon.incus("delete", "--force", web1);
        }
    }

    @Test
    void labJobsGetsTheLabClientByQualifierAndTheLocalOneFromTheRegistry(IncusDaemon daemon) throws IOException {
        Path conf = Files.createDirectory(temp.resolve("incus"));
        IncusCli.remoteAdd(daemon, conf, "lab");
        String ci = "ci-" + Long.toHexString(System.nanoTime()).substring(6);
        daemon.incusOrFail("project", "create", ci);
        // The README's YAML, with the daemon's socket for /var/lib/incus/unix.socket and a project of this test's own for ci.
        try (BootApp app = BootApp.startWith(NamedClients.class, "incus.cli-config-dir=" + conf,
                "incus.clients.local.socket-path=" + daemon.socketPath(),
                "incus.clients.lab.remote=lab", "incus.clients.lab.project=" + ci,
                "incus.clients.lab.health.enabled=true")) {
            LabJobs jobs = app.bean(LabJobs.class);
            IncusClients clients = app.bean(IncusClients.class);

            assertThat(clients.names()).containsExactlyInAnyOrder("local", "lab");
            assertThat(clients.asMap()).containsOnlyKeys("local", "lab");
            assertThat(jobs.lab).isSameAs(clients.get("lab"));
            assertThat(jobs.local).isSameAs(clients.get("local"));
            assertThat(jobs.local.endpoint().socketPath()).contains(daemon.socketPath());
            assertThat(jobs.local.server().get().block(WAIT).authUserMethod()).isEqualTo("unix");
            assertThat(jobs.lab.endpoint().describe()).isEqualTo(daemon.httpsUrl().toString());
            assertThat(jobs.lab.currentProject()).isEqualTo(ci);
            assertThat(jobs.lab.server().get().block(WAIT).authUserMethod()).isEqualTo("tls");
            assertThat(jobs.lab.instances().list().block(WAIT)).isEmpty();

            // "one child per client (/actuator/health/incus/lab)"
            HttpResponse<String> lab = app.get("/actuator/health/incus/lab");
            assertThat(lab.statusCode()).as(lab.body()).isEqualTo(200);
            assertThat(BootApp.<String>json(lab.body(), "$.status")).isEqualTo("UP");
            assertThat(BootApp.<Map<String, Object>>json(lab.body(), "$.details"))
                    .containsEntry("project", ci)
                    .containsEntry("endpoint", daemon.httpsUrl().toString());
        } finally {
            daemon.incus("project", "delete", ci);
        }
    }

    @Test
    void connectionDetailsFromASecretStoreMakeTheClient(IncusDaemon daemon) {
        ClientCredentials trusted = daemon.trustedClient();
        try (BootApp app = BootApp.startWith(FromVault.class, "vault.incus-url=" + daemon.httpsUrl(),
                "vault.certificate=" + trusted.certificate(), "vault.key=" + trusted.privateKey(),
                "vault.server-certificate=" + daemon.serverCertificate(),
                "incus.url=https://ignored.example.net:8443")) {
            IncusClient client = app.bean(IncusClient.class);

            assertThat(client.endpoint().describe()).isEqualTo(daemon.httpsUrl().toString());
            assertThat(client.server().get().block(WAIT).isTrusted()).isTrue();
            assertThat(BootApp.<String>json(app.get("/actuator/health").body(), "$.components.incus.status"))
                    .isEqualTo("UP");
        }
    }

    // README, "Spring Boot starter"
    @Service
    static class Sandboxes {
        private final IncusClient incus;
        private final IncusOperationWaiter operations;

        Sandboxes(IncusClient incus, IncusOperationWaiter operations) {
            this.incus = incus;
            this.operations = operations;
        }

        Mono<Operation> launch(String name) {
            return operations.await(incus.instances()
                    .create(InstancesPost.builder(name).image("busybox").ephemeral(true).start(true).build()));
        }
    }

    /** Holds the README's "Waiting for operations" snippet, with the {@code incus}, {@code operations} and {@code log} it uses. */
    @Service
    static class Starts {
        private static final Logger log = LoggerFactory.getLogger(Starts.class);

        private final IncusClient incus;
        private final IncusOperationWaiter operations;

        Starts(IncusClient incus, IncusOperationWaiter operations) {
            this.incus = incus;
            this.operations = operations;
        }

        Mono<Operation> start(String web1) {
            // README, "Waiting for operations"
            return incus.instances().start(web1)
                    .flatMap(operation -> operations.await(operation, progress -> log.info("{}", progress)));
        }
    }

    /** The README's constructor ("Several Incus servers"), keeping what it got for the test to look at. */
    @Component
    static class LabJobs {
        final IncusClient lab;
        final IncusClient local;

        LabJobs(@Qualifier("lab") IncusClient lab, IncusClients clients) {
            IncusClient local = clients.get("local");    // get(name), names(), asMap()
            this.lab = lab;
            this.local = local;
        }
    }

    /** Stands in for a secret store: hands out what the test's daemon trusts. */
    @Component
    static class Vault {
        private final Environment environment;

        Vault(Environment environment) {
            this.environment = environment;
        }

        URI incusUrl() {
            return URI.create(environment.getRequiredProperty("vault.incus-url"));
        }

        SslBundle incusClientBundle() {
            return SslBundle.of(new PemSslStoreBundle(new PemSslStoreDetails(null,
                    environment.getRequiredProperty("vault.certificate"), environment.getRequiredProperty("vault.key")),
                    null));
        }

        X509Certificate incusServerCertificate() {
            try {
                return PemContent.load(Path.of(environment.getRequiredProperty("vault.server-certificate")))
                        .getCertificates().get(0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import(Vault.class)
    static class FromVault {

        // README, "Connection details from elsewhere" (the daemon's address for incus.example.net)
        @Bean
        IncusConnectionDetails incusConnectionDetails(Vault vault) {
            return new IncusConnectionDetails() {
                public List<URI> getUrls() { return List.of(vault.incusUrl()); }
                public SslBundle getSslBundle() { return vault.incusClientBundle(); }         // client certificate
                public X509Certificate getServerCertificate() { return vault.incusServerCertificate(); }  // pin
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import({Sandboxes.class, Starts.class})
    static class SingleClient {
    }

    @Configuration(proxyBeanMethods = false)
    @Import(LabJobs.class)
    static class NamedClients {
    }
}
