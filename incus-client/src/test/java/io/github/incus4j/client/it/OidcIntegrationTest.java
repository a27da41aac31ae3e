package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.incus4j.client.EventFilter;
import io.github.incus4j.client.EventSubscription;
import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.IncusClientBuilder;
import io.github.incus4j.client.IncusTokenSource;
import io.github.incus4j.client.UpgradedConnection;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusAuthenticationException.Reason;
import io.github.incus4j.client.exception.IncusAuthenticationException;
import io.github.incus4j.client.exception.IncusForbiddenException;
import io.github.incus4j.client.model.ExecResult;
import io.github.incus4j.client.model.InstanceSource;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.LifecycleEvent;
import io.github.incus4j.client.model.Server;
import io.github.incus4j.test.ClientCredentials;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import io.github.incus4j.test.Ports;
import io.github.incus4j.test.oidc.IncusOidcConfig;
import io.github.incus4j.test.oidc.MalformedTokens;
import io.github.incus4j.test.oidc.OidcClient;
import io.github.incus4j.test.oidc.OidcProvider;
import io.github.incus4j.test.oidc.OidcUser;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * OpenID Connect against the real daemon: the test provider of {@code incus-test} on loopback,
 * the daemon's {@code oidc.*} pointed at it (with {@code oidc.audience}) for this class and reset
 * afterwards. What the client sees for every kind of token, the renewal of an expired token,
 * events, exec and SFTP over a bearer, a bearer next to a client certificate, and an identity
 * restricted by {@code authorization.scriptlet}. No token may appear in any message.
 */
@IncusIntegrationTest
class OidcIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final OidcUser ALICE = OidcUser.of("alice", "alice@example.com");
    private static final OidcUser BOB = OidcUser.of("bob", "bob@example.com");
    private static final String AUDIENCE = "incus";

    private static IncusDaemon daemon;
    private static OidcProvider provider;
    private static IncusOidcConfig config;

    @BeforeAll
    static void pointTheDaemonAtTheProvider(IncusDaemon incus) {
        daemon = incus;
        provider = OidcProvider.builder().client(OidcClient.publicClient("incus")).user(ALICE).user(BOB).start();
        config = IncusOidcConfig.forProvider(provider).withAudience(AUDIENCE);
        config.applyTo(daemon);
    }

    @AfterAll
    static void resetTheDaemon() {
        try {
            if (daemon != null) {
                IncusOidcConfig.reset(daemon);
            }
        } finally {
            if (provider != null) {
                provider.close();
            }
        }
    }

    @Test
    void aGoodTokenIsTrustedAsItsUser() {
        try (IncusClient client = bearer(provider.token().mint())) {
            Server server = client.server().get().block(WAIT);

            assertThat(server.isTrusted()).isTrue();
            assertThat(server.authUserMethod()).isEqualTo("oidc");
            assertThat(server.authUserName()).isEqualTo("alice@example.com");
            assertThat(client.profiles().listNames(io.github.incus4j.client.ListOptions.NONE).block(WAIT))
                    .contains("default");
        }
    }

    @Test
    void everyBadTokenIsRefusedWithItsReasonTheFixAndTheDaemonsSettings() {
        List<String> seen = new ArrayList<>();
        refused(seen, "expired", provider.token().expired().mint(), Reason.EXPIRED,
                "Failed to authenticate: token has expired");
        refused(seen, "not a JWT", MalformedTokens.notAJwt(), Reason.MALFORMED_TOKEN,
                "Failed to authenticate: parsing of request failed: token contains an invalid number of segments");
        refused(seen, "undecodable payload", MalformedTokens.undecodablePayload(), Reason.MALFORMED_TOKEN,
                "Failed to authenticate: parsing of request failed: malformed jwt payload: illegal base64 data at "
                        + "input byte 3");
        refused(seen, "payload not JSON", MalformedTokens.nonJsonPayload(), Reason.MALFORMED_TOKEN,
                "Failed to authenticate: invalid character 'h' in literal true (expecting 'r')");
        refused(seen, "wrong issuer", provider.token().issuer("http://127.0.0.1:1").mint(), Reason.WRONG_ISSUER,
                "Failed to authenticate: issuer does not match: Expected: " + provider.issuer()
                        + ", got: http://127.0.0.1:1");
        refused(seen, "rogue key", provider.token().signedByRogueKey().mint(), Reason.INVALID_SIGNATURE,
                "Failed to authenticate: invalid signature (signature verification failed: go-jose/go-jose: error "
                        + "in cryptographic primitive)");
        refused(seen, "wrong audience", provider.token().audience("someone-else").mint(), Reason.WRONG_AUDIENCE,
                "Failed to authenticate: Provided OIDC token doesn't allow the configured audience");
        refused(seen, "scope as an array", provider.token().claim("scope", List.of("openid", "email")).mint(),
                Reason.UNSUPPORTED_CLAIM, "Failed to authenticate: oidc: json: cannot unmarshal array into Go struct "
                        + "field atcAlias.scope of type string into *oidc.atcAlias");
        System.out.println("[oidc] Incus " + daemon.version() + " refuses: " + String.join("; ", seen));
    }

    @Test
    void anUnreachableProviderIsSaidToBeUnreachable() {
        String nowhere = "http://127.0.0.1:" + Ports.freeLoopbackPort();
        IncusOidcConfig.of(nowhere, "incus").applyTo(daemon);
        try {
            String token = provider.token().mint();
            try (IncusClient client = bearer(token)) {
                IncusAuthenticationException refused = catchThrowableOfType(IncusAuthenticationException.class,
                        () -> client.instances().listNames().block(WAIT));

                assertThat(refused.reason()).isEqualTo(Reason.PROVIDER_UNREACHABLE);
                assertThat(refused.serverMessage()).startsWith("Failed to authenticate: Failed calling OIDC discovery "
                        + "endpoint: OpenID Provider Configuration Discovery has failed");
                assertThat(refused.oidcIssuer()).isEqualTo(nowhere);
                assertThat(refused.getMessage()).contains("could not reach its identity provider ('" + nowhere + "')")
                        .doesNotContain(token);
                System.out.println("[oidc] provider down: HTTP " + refused.status() + " " + refused.serverMessage());
            }
        } finally {
            config.applyTo(daemon);
        }
    }

    @Test
    void aBearerWinsOverAClientCertificateEvenWhenItIsRefused() {
        String good = provider.token().user(BOB).mint();
        try (IncusClient trustedCertificateAndToken = Transport.https(daemon, daemon.trustedClient())
                .bearerToken(good).build()) {
            Server server = trustedCertificateAndToken.server().get().block(WAIT);
            assertThat(server.authUserMethod()).as("the certificate is ignored").isEqualTo("oidc");
            assertThat(server.authUserName()).isEqualTo("bob@example.com");
        }
        String expired = provider.token().expired().mint();
        try (IncusClient trustedCertificateExpiredToken = Transport.https(daemon, daemon.trustedClient())
                .bearerToken(expired).build()) {
            assertThat(catchThrowableOfType(IncusAuthenticationException.class,
                    () -> trustedCertificateExpiredToken.server().get().block(WAIT)).reason())
                    .as("a trusted certificate does not save an expired token").isEqualTo(Reason.EXPIRED);
        }
        ClientCredentials stranger = daemon.newClientCredentials("oidc-stranger");
        try (IncusClient untrustedCertificateGoodToken = Transport.https(daemon, stranger).bearerToken(good).build()) {
            assertThat(untrustedCertificateGoodToken.server().get().block(WAIT).isTrusted()).isTrue();
        }
    }

    @Test
    void anExpiredTokenIsRenewedOnceByARefreshingSource() {
        CountingSource source = new CountingSource(() -> provider.token().expired().mint(),
                () -> provider.token().mint());
        try (IncusClient client = sources(source)) {
            assertThat(client.server().get().block(WAIT).authUserName()).isEqualTo("alice@example.com");
        }
        assertThat(source.tokens).as("token() calls").hasValue(1);
        assertThat(source.refreshes).as("refresh() calls").hasValue(1);

        CountingSource stale = new CountingSource(() -> provider.token().expired().mint(),
                () -> provider.token().expired().mint());
        try (IncusClient client = sources(stale)) {
            IncusAuthenticationException refused = catchThrowableOfType(IncusAuthenticationException.class,
                    () -> client.instances().listNames().block(WAIT));
            assertThat(refused.reason()).isEqualTo(Reason.EXPIRED);
            assertThat(refused.freshTokenRefused()).isTrue();
            assertNoToken(refused, stale.given);
        }
        assertThat(stale.tokens).hasValue(1);
        assertThat(stale.refreshes).as("asked once, never in a loop").hasValue(1);
    }

    @Test
    void eventsExecAndSftpWorkOverABearer() throws Exception {
        try (IncusClient admin = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(admin, daemon, "oidc-exec");
                IncusClient client = bearer(provider.token().mint());
                EventSubscription events = client.events().connect(EventFilter.types(EventFilter.LIFECYCLE))
                        .block(WAIT)) {
            ExecResult result = client.instances().exec(container.name()).run(ExecRequest.of("echo", "over a bearer"))
                    .block(WAIT);
            assertThat(result.exitCode()).isZero();
            assertThat(result.stdoutText()).isEqualTo("over a bearer\n");

            LifecycleEvent exec = events.events().ofType(LifecycleEvent.class)
                    .filter(event -> event.source().endsWith("/" + container.name()))
                    .blockFirst(WAIT);
            assertThat(exec).isNotNull();

            try (UpgradedConnection sftp = client.instances().connections(container.name()).sftp().block(WAIT)) {
                assertThat(InstanceConnectionsIntegrationTest.handshake(sftp)).isEqualTo(3);
            }
        }
    }

    @Test
    void aWebsocketRefusedForAnExpiredTokenSaysWhyAndIsRenewedOnce() {
        String expired = provider.token().expired().mint();
        try (IncusClient client = bearer(expired)) {
            IncusAuthenticationException refused = catchThrowableOfType(IncusAuthenticationException.class,
                    () -> client.events().connect(EventFilter.types(EventFilter.LIFECYCLE)).block(WAIT));
            assertThat(refused.reason()).isEqualTo(Reason.EXPIRED);
            assertThat(refused.path()).isEqualTo("/1.0/events");
            assertThat(refused.serverMessage()).isEqualTo("Failed to authenticate: token has expired");
            assertThat(refused.oidcIssuer()).isEqualTo(provider.issuer());
            assertNoToken(refused, List.of(expired));
        }
        CountingSource source = new CountingSource(() -> provider.token().expired().mint(),
                () -> provider.token().mint());
        try (IncusClient client = sources(source);
                EventSubscription events = client.events().connect(EventFilter.types(EventFilter.LIFECYCLE))
                        .block(WAIT)) {
            assertThat(events).isNotNull();
        }
        assertThat(source.refreshes).hasValue(1);
    }

    @Test
    void aRawUpgradeRefusedForAnExpiredTokenSaysWhyAndIsRenewedOnceInOneObservation() throws Exception {
        try (IncusClient admin = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(admin, daemon, "oidc-sftp")) {
            String expired = provider.token().expired().mint();
            try (IncusClient client = bearer(expired)) {
                IncusAuthenticationException refused = catchThrowableOfType(IncusAuthenticationException.class,
                        () -> client.instances().connections(container.name()).sftp().block(WAIT));
                assertThat(refused.reason()).isEqualTo(Reason.EXPIRED);
                assertThat(refused.path()).isEqualTo("/1.0/instances/" + container.name() + "/sftp");
                assertThat(refused.serverMessage()).isEqualTo("Failed to authenticate: token has expired");
                assertThat(refused.oidcIssuer()).as("the daemon's X-Incus-OIDC-issuer header").isEqualTo(
                        provider.issuer());
                assertNoToken(refused, List.of(expired));
            }

            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            ObservationRegistry observations = ObservationRegistry.create();
            observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
            CountingSource source = new CountingSource(() -> provider.token().expired().mint(),
                    () -> provider.token().mint());
            try (IncusClient client = https().bearerTokens(source).observationRegistry(observations).build();
                    UpgradedConnection sftp = client.instances().connections(container.name()).sftp().block(WAIT)) {
                assertThat(InstanceConnectionsIntegrationTest.handshake(sftp)).isEqualTo(3);
            }
            assertThat(source.tokens).hasValue(1);
            assertThat(source.refreshes).as("asked once for a fresh token").hasValue(1);
            assertThat(meters.find("incus.client.upgrades").timers())
                    .as("the refused attempt and the renewed one are one opening for the user")
                    .singleElement().satisfies(timer -> {
                        assertThat(timer.getId().getTag("outcome")).isEqualTo("SUCCESS");
                        assertThat(timer.count()).isEqualTo(1);
                        timer.getId().getTags().forEach(tag -> source.given.forEach(token ->
                                assertThat(tag.getValue()).doesNotContain(token)));
                    });
        }
    }

    @Test
    void anIdentityRestrictedByTheAuthorizationScriptletSeesFilteredListsAndIsForbiddenTheRest() {
        String name = Transport.uniqueName("oidc-scriptlet");
        // authorization.scriptlet (extension authorization_scriptlet) applies from the daemon's next
        // start: set on a running Incus 6.0.4 it changed nothing until a restart (measured).
        daemon.incusOrFail("config", "set", "authorization.scriptlet=def authorize(details, object, entitlement):\n"
                + "  if details.Username == '" + BOB.email() + "':\n"
                + "    return object == 'server:incus' and entitlement == 'can_view'\n"
                + "  return True\n");
        daemon.restart();
        try (IncusClient admin = Transport.UNIX_SOCKET.client(daemon);
                IncusClient alice = bearer(provider.token().mint());
                IncusClient bob = bearer(provider.token().user(BOB).mint())) {
            admin.instances().create(InstancesPost.builder(name).source(InstanceSource.none()).build())
                    .flatMap(creation -> creation.await(WAIT)).block(WAIT);

            assertThat(bob.server().get().block(WAIT).isTrusted()).isTrue();
            assertThat(alice.instances().listNames().block(WAIT)).contains(name);
            assertThat(bob.instances().listNames().block(WAIT)).as("filtered").doesNotContain(name);
            IncusForbiddenException read = catchThrowableOfType(IncusForbiddenException.class,
                    () -> bob.instances().get(name).block(WAIT));
            IncusForbiddenException create = catchThrowableOfType(IncusForbiddenException.class,
                    () -> bob.instances().create(InstancesPost.builder(name + "-bob").source(InstanceSource.none())
                            .build()).block(WAIT));
            for (IncusApiException refusal : List.of(read, create)) {
                assertThat(refusal.status()).isEqualTo(403);
                assertThat(refusal.serverMessage()).isEqualTo("Permission denied");
                assertThat(refusal.getMessage()).contains("authorization.scriptlet or OpenFGA");
            }
            System.out.println("[oidc] restricted identity: list filtered, GET -> HTTP " + read.status() + " \""
                    + read.serverMessage() + "\", POST -> HTTP " + create.status());
        } finally {
            daemon.incus("delete", "--force", name);
            daemon.incusOrFail("config", "unset", "authorization.scriptlet");
            daemon.restart();
        }
    }

    private static void refused(List<String> seen, String what, String token, Reason reason, String serverMessage) {
        try (IncusClient client = bearer(token)) {
            IncusAuthenticationException refused = catchThrowableOfType(IncusAuthenticationException.class,
                    () -> client.instances().listNames().block(WAIT));

            assertThat(refused).as(what).isNotNull();
            assertThat(refused.status()).as(what).isEqualTo(401);
            assertThat(refused.reason()).as(what).isEqualTo(reason);
            assertThat(refused.serverMessage()).as(what).isEqualTo(serverMessage);
            assertThat(refused.oidcIssuer()).as(what).isEqualTo(provider.issuer());
            assertThat(refused.oidcClientId()).as(what).isEqualTo("incus");
            assertThat(refused.oidcAudience()).as(what).isEqualTo(AUDIENCE);
            assertThat(refused.getMessage()).as(what).contains("(Incus's OIDC settings: issuer " + provider.issuer()
                    + ", client id incus, audience incus)");
            assertNoToken(refused, List.of(token));
            seen.add(what + " -> HTTP " + refused.status() + " \"" + refused.serverMessage() + "\"");
        }
    }

    /** Neither the message, nor its causes', nor the description of the exception quote a token. */
    private static void assertNoToken(Throwable failure, List<String> tokens) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (String token : tokens) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(token);
                assertThat(t.toString()).doesNotContain(token);
                // JWT parts are long; a quoted part would be a leak too.
                for (String part : token.split("\\.")) {
                    if (part.length() > 16) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(part);
                    }
                }
            }
        }
    }

    private static IncusClient bearer(String token) {
        return https().bearerToken(token).build();
    }

    private static IncusClient sources(IncusTokenSource source) {
        return https().bearerTokens(source).build();
    }

    private static IncusClientBuilder https() {
        return IncusClient.builder().url(daemon.httpsUrl().toString()).serverCertificate(daemon.serverCertificate());
    }

    /** Mints a token per call, counting the calls and remembering what it gave. */
    private static final class CountingSource implements IncusTokenSource {
        private final Supplier<String> first;
        private final Supplier<String> fresh;
        final AtomicInteger tokens = new AtomicInteger();
        final AtomicInteger refreshes = new AtomicInteger();
        final List<String> given = new java.util.concurrent.CopyOnWriteArrayList<>();

        CountingSource(Supplier<String> first, Supplier<String> fresh) {
            this.first = first;
            this.fresh = fresh;
        }

        @Override
        public Mono<String> token() {
            return Mono.fromSupplier(() -> {
                tokens.incrementAndGet();
                String token = first.get();
                given.add(token);
                return token;
            });
        }

        @Override
        public Mono<String> refresh(String rejected) {
            return Mono.fromSupplier(() -> {
                refreshes.incrementAndGet();
                String token = fresh.get();
                given.add(token);
                return token;
            });
        }
    }
}
