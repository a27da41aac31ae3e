package io.github.incus4j.spring.autoconfigure.health;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusAuthenticationException;
import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.exception.IncusForbiddenException;
import io.github.incus4j.client.exception.IncusProtocolException;
import io.github.incus4j.client.model.ClusterMember;
import io.github.incus4j.client.model.Server;
import io.github.incus4j.client.model.ServerEnvironment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

/**
 * Health of an Incus daemon, from its answer to {@code GET /1.0}.
 *
 * <p>UP when the daemon answers within the timeout (and trusts the client, unless that is not
 * required), with the details {@code endpoint}, {@code project}, {@code auth}, {@code apiVersion}
 * and, for a trusted client, {@code authUserMethod} ({@code tls}, {@code oidc}, {@code unix}),
 * {@code authUserName} (the certificate's fingerprint, the OIDC identity's email or subject, the
 * user), {@code serverVersion}, {@code serverName} and {@code clustered}.
 * DOWN otherwise, with {@code endpoint}, a {@code reason} (such as {@code socket-not-found},
 * {@code permission-denied}, {@code connection-refused}, {@code tls}, {@code timeout},
 * {@code untrusted}, {@code unauthenticated} when Incus refused the bearer token, with
 * {@code authFailure} saying why, such as {@code expired}), a {@code hint} saying what to do, and the
 * {@code error} when there was one.
 * No detail is ever {@code null} and none holds a secret.
 *
 * <p>Reactive, so one indicator serves servlet and reactive applications alike.
 */
public final class IncusHealthIndicator extends AbstractReactiveHealthIndicator {

    private static final Log logger = LogFactory.getLog(IncusHealthIndicator.class);

    private final IncusClient client;
    private final Duration timeout;
    private final boolean requireTrusted;
    private final @Nullable Integer maxOfflineMembers;

    /**
     * Creates the indicator for a standalone daemon or for a cluster whose offline members never
     * make it DOWN.
     *
     * @param client the client to check
     * @param timeout the longest time the check may take
     * @param requireTrusted whether an answer that does not trust this client is DOWN
     */
    public IncusHealthIndicator(IncusClient client, Duration timeout, boolean requireTrusted) {
        this(client, timeout, requireTrusted, null);
    }

    /**
     * Creates the indicator.
     *
     * @param client the client to check
     * @param timeout the longest time the check may take, cluster members included
     * @param requireTrusted whether an answer that does not trust this client is DOWN
     * @param maxOfflineMembers on a cluster, how many offline members still leave the health UP;
     *     {@code null} to report them without going DOWN
     */
    public IncusHealthIndicator(IncusClient client, Duration timeout, boolean requireTrusted,
            @Nullable Integer maxOfflineMembers) {
        super("Incus health check failed");
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the health check timeout must be positive, got " + timeout);
        }
        this.client = client;
        this.timeout = timeout;
        this.requireTrusted = requireTrusted;
        this.maxOfflineMembers = maxOfflineMembers;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        String endpoint = client.endpoint().describe();
        return client.server().get()
                .flatMap(server -> isClusterMember(server) ? members().map(members -> new Answer(server, members))
                        : Mono.just(new Answer(server, null)))
                .timeout(timeout)
                .map(answer -> answered(builder, endpoint, answer.server(), answer.members()))
                .onErrorResume(failure -> Mono.just(failed(builder, endpoint, failure)));
    }

    /** The server's answer and, on a cluster, the members as that member sees them. */
    private record Answer(Server server, @Nullable ClusterMembers members) {
    }

    /** The members list, or why it could not be read (the member that answered still counts). */
    private record ClusterMembers(List<Map<String, String>> members, long offline, @Nullable String error) {
    }

    private static boolean isClusterMember(Server server) {
        return server.isTrusted() && server.environment() != null && server.environment().serverClustered();
    }

    private Mono<ClusterMembers> members() {
        return client.cluster().members().list()
                .map(members -> new ClusterMembers(members.stream().map(IncusHealthIndicator::member).toList(),
                        members.stream().filter(member -> !member.status().equals("Online")
                                && !member.status().equals("Evacuated")).count(), null))
                .onErrorResume(IncusException.class, failure -> Mono.just(new ClusterMembers(List.of(), 0,
                        text(failure.getMessage(), failure.getClass().getName()))));
    }

    private static Map<String, String> member(ClusterMember member) {
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("name", member.serverName());
        detail.put("status", member.status());
        detail.put("message", member.message());
        return detail;
    }

    private Health answered(Health.Builder builder, String endpoint, Server server, @Nullable ClusterMembers members) {
        ServerEnvironment environment = server.environment();
        builder.withDetail("endpoint", endpoint)
                .withDetail("project", project(environment))
                .withDetail("auth", text(server.auth(), "unknown"))
                .withDetail("apiVersion", text(server.apiVersion(), "unknown"));
        if (server.isTrusted() && !server.authUserMethod().isEmpty()) {
            builder.withDetail("authUserMethod", server.authUserMethod());
        }
        if (server.isTrusted() && !server.authUserName().isEmpty()) {
            builder.withDetail("authUserName", server.authUserName());
        }
        if (environment != null) {
            builder.withDetail("serverVersion", text(environment.serverVersion(), "unknown"))
                    .withDetail("serverName", text(environment.serverName(), "unknown"))
                    .withDetail("clustered", environment.serverClustered());
        }
        if (members != null) {
            builder.withDetail("members", members.members()).withDetail("offlineMembers", members.offline());
            if (members.error() != null) {
                builder.withDetail("membersError", members.error());
            }
        }
        if (!server.isTrusted() && requireTrusted) {
            return builder.down()
                    .withDetail("reason", "untrusted")
                    .withDetail("hint", "The daemon answers but does not trust this client: add the client "
                            + "certificate on the server with 'incus config trust add-certificate <client.crt>', or "
                            + "set incus.health.require-trusted=false if untrusted access is intended.")
                    .build();
        }
        if (members != null && maxOfflineMembers != null && members.offline() > maxOfflineMembers) {
            return builder.down()
                    .withDetail("reason", "members-offline")
                    .withDetail("hint", members.offline() + " cluster member(s) are offline, more than "
                            + "incus.health.max-offline-members (" + maxOfflineMembers + ") allows: see 'members'. "
                            + "Restart them, or evacuate them ('incus cluster evacuate <member>') so their instances "
                            + "run elsewhere.")
                    .build();
        }
        return builder.up().build();
    }

    private String project(@Nullable ServerEnvironment environment) {
        if (environment != null && !environment.project().isEmpty()) {
            return environment.project();
        }
        String project = client.currentProject();
        return project != null ? project : "default";
    }

    private Health failed(Health.Builder builder, String endpoint, Throwable failure) {
        if (logger.isDebugEnabled()) {
            logger.debug("Incus at " + endpoint + " is DOWN", failure);
        }
        builder.down().withDetail("endpoint", endpoint);
        if (failure instanceof TimeoutException) {
            return builder.withDetail("reason", "timeout")
                    .withDetail("hint", "No answer to GET /1.0 within incus.health.timeout (" + timeout + "): the "
                            + "daemon is unreachable or overloaded; raise incus.health.timeout if it is only slow.")
                    .withDetail("error", "no answer within " + timeout)
                    .build();
        }
        String reason;
        String hint;
        if (failure instanceof IncusConnectionException connection) {
            reason = connection.reason().name().toLowerCase(Locale.ROOT).replace('_', '-');
            hint = hint(connection.reason());
        } else if (failure instanceof IncusAuthenticationException refused) {
            reason = "unauthenticated";
            hint = hint(refused);
            builder.withDetail("authFailure", refused.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            if (refused.oidcIssuer() != null) {
                builder.withDetail("oidcIssuer", refused.oidcIssuer());
            }
        } else if (failure instanceof IncusForbiddenException) {
            reason = "forbidden";
            hint = "The daemon refuses this client: trust its certificate on the server with "
                    + "'incus config trust add-certificate <client.crt>', or allow its project.";
        } else if (failure instanceof IncusApiException api) {
            reason = api.isServerError() ? "server-error" : "api-error";
            hint = "The daemon answered GET /1.0 with HTTP " + api.status() + ": see its log (for example "
                    + "'journalctl -u incus').";
        } else if (failure instanceof IncusProtocolException) {
            reason = "protocol-error";
            hint = "The answer was not the JSON of the Incus API: check that incus.url points at an Incus daemon, "
                    + "not at a proxy or another service.";
        } else {
            reason = "error";
            hint = "Unexpected failure of GET /1.0: see 'error'.";
        }
        return builder.withDetail("reason", reason)
                .withDetail("hint", hint)
                .withDetail("error", text(failure.getMessage(), failure.getClass().getName()))
                .build();
    }

    private static String hint(IncusAuthenticationException refused) {
        return switch (refused.reason()) {
            case EXPIRED -> "Incus refused the bearer token as expired: a fixed incus.oidc.token cannot be renewed, "
                    + "use incus.oidc.registration (Spring Security renews its tokens) or sign the incus command line "
                    + "in again for an OIDC remote, and check that the clocks of this machine and the Incus server "
                    + "agree.";
            case TOKEN_UNAVAILABLE -> "No bearer token could be had, so nothing was sent: see 'error' (for "
                    + "incus.oidc.registration, the identity provider and spring.security.oauth2.client.registration.*; "
                    + "for an OIDC remote, sign the incus command line in again).";
            default -> "Incus refused the bearer token (" + refused.reason().name().toLowerCase(Locale.ROOT)
                    .replace('_', '-') + "): 'error' says what to do; check incus.oidc.* against the daemon's "
                    + "oidc.issuer and oidc.audience.";
        };
    }

    private static String hint(IncusConnectionException.Reason reason) {
        return switch (reason) {
            case SOCKET_NOT_FOUND -> "No Incus socket exists at the paths in 'error': start Incus, or set "
                    + "incus.socket-path to the daemon's socket.";
            case PERMISSION_DENIED -> "The socket exists but this user may not open it: add the application's user "
                    + "to the incus-admin group, or use the per-user socket unix.socket.user of the incus-user "
                    + "service.";
            case CONNECTION_REFUSED -> "Nothing listens there: start the Incus daemon, or check incus.url / "
                    + "incus.socket-path (and core.https_address on the server).";
            case TLS -> "The TLS handshake failed: check incus.server-certificate (the daemon's current "
                    + "server.crt), the trust settings (incus.certificate-authorities or the SSL bundle's "
                    + "truststore), the client certificate, and that the server offers TLS 1.3.";
            case TIMEOUT -> "The daemon did not answer within incus.connect-timeout / incus.response-timeout: "
                    + "check the address, firewalls and the daemon's load.";
            case CONNECTION_CLOSED -> "The connection closed before the answer was complete: the daemon may have "
                    + "restarted.";
            case IO -> "Input/output error talking to the daemon: see 'error'.";
        };
    }

    private static String text(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
