package io.github.incus4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.test.ClusterHttps.Answer;
import io.github.incus4j.test.IncusCluster.Member;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a user of the shared, run-wide cluster gets, checked over each member's HTTPS URL with the
 * JDK's HttpClient, over Unix sockets and through the CLI. Every test leaves the cluster as it found
 * it: three members, all online.
 */
@IncusClusterTest
class IncusClusterIntegrationTest {

    private static final Duration OFFLINE_BOUND = Duration.ofSeconds(25);
    private static final Duration POLL = Duration.ofMillis(200);

    private final IncusCluster cluster;
    private final ClusterHttps https;

    IncusClusterIntegrationTest(IncusCluster cluster) {
        this.cluster = cluster;
        this.https = new ClusterHttps(cluster.trustedClient().pinnedSslContext(cluster.certificate()));
    }

    @Test
    void everyMemberAnswersOnItsOwnAddressAndSeesAllMembersOnline() throws Exception {
        List<Member> members = cluster.members();

        assertThat(members).extracting(Member::name).containsExactly("member1", "member2", "member3");
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            assertThat(member.httpsUrl().toString()).startsWith("https://127.0.0." + (i + 1) + ":");
            assertThat(member.httpsUrl().toString()).isEqualTo("https://" + member.address());
            assertThat(member.socketPath()).isEqualTo(member.directory().resolve("unix.socket"));
            assertThat(member.isRunning()).isTrue();

            Answer server = https.get(member.httpsUrl(), "/1.0");
            assertThat(server.status()).isEqualTo(200);
            assertThat(server.metadata()).containsEntry("auth", "trusted");
            Map<String, Object> environment = Json.object(server.metadata().get("environment"), "environment");
            assertThat(environment).containsEntry("server_name", member.name()).containsEntry("server_clustered", true);
            assertThat(((Double) environment.get("server_pid")).longValue()).isEqualTo(member.pid());

            Answer list = https.get(member.httpsUrl(), "/1.0/cluster/members?recursion=1");
            assertThat(Json.array(list.envelope().get("metadata"), "members"))
                    .extracting(entry -> Json.string(Json.object(entry, "member"), "status"))
                    .containsExactly("Online", "Online", "Online");
        }
    }

    @Test
    void oneMemberIsTheDatabaseLeaderAndLeaderFindsIt() throws Exception {
        Answer list = https.get(cluster.members().get(1).httpsUrl(), "/1.0/cluster/members?recursion=1");
        List<String> leaders = Json.array(list.envelope().get("metadata"), "members").stream()
                .map(entry -> Json.object(entry, "member"))
                .filter(entry -> Json.array(entry.get("roles"), "roles").contains("database-leader"))
                .map(entry -> Json.string(entry, "server_name")).toList();

        assertThat(leaders).singleElement().isEqualTo(cluster.leader().name());
        assertThat(cluster.status(cluster.leader())).isEqualTo("Online");
    }

    @Test
    void everyMemberServesTheClusterCertificateWhoseNamesCoverOnlyTheFirstAddress() throws Exception {
        Member first = cluster.member("member1");
        Member second = cluster.member("member2");
        assertThat(cluster.certificate()).hasSameTextualContentAs(second.directory().resolve("cluster.crt"));
        // A client that checks names, as HttpClient does with an ordinary trust store, reaches 127.0.0.1 only.
        ClusterHttps checkingNames = new ClusterHttps(cluster.trustedClient().sslContext(cluster.certificate()));

        assertThat(checkingNames.get(first.httpsUrl(), "/1.0").status()).isEqualTo(200);
        assertThatThrownBy(() -> checkingNames.get(second.httpsUrl(), "/1.0"))
                .hasStackTraceContaining("No subject alternative names matching IP address 127.0.0.2 found");
        // Pinning (what ClusterHttps uses) accepts exactly this certificate on every member.
        assertThat(https.get(second.httpsUrl(), "/1.0").status()).isEqualTo(200);
    }

    @Test
    void newCredentialsAreUntrustedUntilTrustedAndTrustIsClusterWide() throws Exception {
        ClientCredentials stranger = cluster.newClientCredentials("stranger-" + shortId());
        ClusterHttps asStranger = new ClusterHttps(stranger.pinnedSslContext(cluster.certificate()));

        assertThat(asStranger.get(cluster.member("member2").httpsUrl(), "/1.0").metadata())
                .containsEntry("auth", "untrusted");

        cluster.trust(stranger);
        try {
            assertThat(asStranger.get(cluster.member("member3").httpsUrl(), "/1.0").metadata())
                    .containsEntry("auth", "trusted");
        } finally {
            cluster.incusOrFail(cluster.member("member3"), "config", "trust", "remove",
                    stranger.certificateFingerprint());
        }
    }

    @Test
    void theImageIsImportedOnceAndReplicatedToEveryMember() {
        assertThat(cluster.imageAlias()).isEqualTo("busybox");
        assertThat(cluster.imageFingerprint()).matches("[0-9a-f]{64}").isEqualTo(cluster.image().fingerprint());

        for (Member member : cluster.members()) {
            assertThat(member.directory().resolve("images").resolve(cluster.imageFingerprint())).isRegularFile();
        }
        assertThat(cluster.incusOrFail(cluster.member("member3"), "image", "list", "--format", "csv", "--columns", "lf"))
                .contains("busybox," + cluster.imageFingerprint().substring(0, 12));
    }

    @Test
    void containersRunOnTheTargetMemberAndCommandsAreForwarded() {
        Member first = cluster.member("member1");
        String name = "placed-" + shortId();
        cluster.incusOrFail(first, "launch", cluster.imageAlias(), name, "--target", "member2");
        try {
            assertThat(cluster.incusOrFail(cluster.member("member3"), "list", name, "--format", "csv", "--columns", "nsL"))
                    .isEqualTo(name + ",RUNNING,member2\n");
            assertThat(cluster.incusOrFail(first, "exec", name, "--", "echo", "forwarded")).isEqualTo("forwarded\n");
            assertThat(LeftoverProcesses.of(cluster.member("member2").directory())).isNotEmpty();
        } finally {
            cluster.incusOrFail(first, "delete", "--force", name);
        }
    }

    /**
     * The join a client test will make: a bare daemon, a token from the cluster, and the body the 6.0
     * command line sends as {@code PUT /1.0/cluster} to the joining daemon.
     */
    @Test
    void aFurtherMemberJoinsThroughTheApiAndIsRemovedAgain() throws Exception {
        Member newcomer = cluster.startUnjoinedMember();
        long pid = newcomer.pid();
        try {
            assertThat(cluster.members()).doesNotContain(newcomer);
            assertThat(newcomer.name()).isNotIn("member1", "member2", "member3");
            String token = cluster.newJoinToken(newcomer.name());
            Map<String, Object> decoded = Json.object(Json.parse(
                    new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8)), "token");
            String clusterAddress = (String) Json.array(decoded.get("addresses"), "addresses").get(0);
            String body = "{\"server_name\":" + quote(newcomer.name())
                    + ",\"enabled\":true"
                    + ",\"member_config\":[{\"entity\":\"storage-pool\",\"name\":\"default\",\"key\":\"source\","
                    + "\"value\":\"\",\"description\":\"\"}]"
                    + ",\"cluster_address\":" + quote(clusterAddress)
                    + ",\"cluster_certificate\":" + quote(java.nio.file.Files.readString(cluster.certificate()))
                    + ",\"server_address\":" + quote(newcomer.address())
                    + ",\"cluster_token\":" + quote(token) + "}";

            RawHttp.Response put = RawHttp.requestOverUnixSocket(newcomer.socketPath(), "PUT", "/1.0/cluster", body);

            assertThat(put.status()).as(put.body()).isEqualTo(202);
            String operation = Json.string(Json.object(Json.parse(put.body()), "envelope"), "operation");
            RawHttp.Response done = RawHttp.requestOverUnixSocket(newcomer.socketPath(), "GET",
                    operation + "/wait?timeout=60", null);
            Map<String, Object> result = Json.object(Json.object(Json.parse(done.body()), "envelope").get("metadata"),
                    "operation");
            assertThat(Json.string(result, "status")).as(done.body()).isEqualTo("Success");
            assertThat(cluster.members()).contains(newcomer);
            awaitStatus(newcomer, "Online", Duration.ofSeconds(30));
            Map<String, Object> environment = Json.object(https.get(newcomer.httpsUrl(), "/1.0").metadata()
                    .get("environment"), "environment");
            assertThat(environment).containsEntry("server_name", newcomer.name()).containsEntry("server_clustered", true);
        } finally {
            cluster.remove(newcomer);
        }
        assertThat(cluster.members()).extracting(Member::name).containsExactly("member1", "member2", "member3");
        assertThat(newcomer.directory()).doesNotExist();
        assertThat(LeftoverProcesses.isRunning(pid)).isFalse();
        assertThat(cluster.incusOrFail(cluster.member("member1"), "cluster", "list", "--format", "csv"))
                .doesNotContain(newcomer.name());
    }

    /** The one kill/restart cycle of this module's tests; it kills a member that is not the leader. */
    @Test
    void aKilledMemberGoesOfflineAndComesBackOnlineWithItsContainer() throws Exception {
        Member leader = cluster.leader();
        List<Member> others = cluster.members().stream().filter(member -> member != leader).toList();
        Member victim = others.get(others.size() - 1);
        String name = "survivor-" + shortId();
        cluster.incusOrFail(leader, "launch", cluster.imageAlias(), name, "--target", victim.name());
        try {
            long pid = victim.pid();
            long killed = System.nanoTime();
            cluster.kill(victim);

            assertThat(LeftoverProcesses.isRunning(pid)).isFalse();
            assertThat(victim.isRunning()).isFalse();
            assertThatThrownBy(() -> https.get(victim.httpsUrl(), "/1.0")).isInstanceOf(ConnectException.class);
            Duration offline = awaitStatus(victim, "Offline", OFFLINE_BOUND);
            System.err.printf("[incus-test] %s killed: Offline after %.1f s%n", victim.name(),
                    (System.nanoTime() - killed) / 1e9);

            long restarting = System.nanoTime();
            cluster.restart(victim);
            System.err.printf("[incus-test] %s restarted: Online after %.1f s%n", victim.name(),
                    (System.nanoTime() - restarting) / 1e9);

            assertThat(offline).isLessThan(OFFLINE_BOUND);
            assertThat(victim.pid()).isNotEqualTo(pid);
            assertThat(victim.isRunning()).isTrue();
            Answer own = https.get(victim.httpsUrl(), "/1.0/cluster/members/" + victim.name());
            assertThat(Json.string(own.metadata(), "status")).isEqualTo("Online");
            assertThat(cluster.incusOrFail(victim, "list", name, "--format", "csv", "--columns", "ns"))
                    .isEqualTo(name + ",RUNNING\n");
        } finally {
            cluster.incus(leader, "delete", "--force", name);
        }
    }

    /** Polls a member's status over HTTPS through the other members, bounded; returns how long it took. */
    private Duration awaitStatus(Member member, String status, Duration bound) throws Exception {
        long began = System.nanoTime();
        int maxAttempts = (int) (bound.toMillis() / POLL.toMillis()) + 1;
        String last = "";
        for (int attempt = 0; attempt < maxAttempts && System.nanoTime() - began < bound.toNanos(); attempt++) {
            for (Member asked : cluster.members()) {
                if (asked == member || !asked.isRunning()) {
                    continue;
                }
                last = Json.string(https.get(asked.httpsUrl(), "/1.0/cluster/members/" + member.name()).metadata(),
                        "status");
                if (status.equals(last)) {
                    return Duration.ofNanos(System.nanoTime() - began);
                }
                break;
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new AssertionError(member.name() + " was not " + status + " within " + bound.toSeconds()
                + " s; last status: " + last);
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
