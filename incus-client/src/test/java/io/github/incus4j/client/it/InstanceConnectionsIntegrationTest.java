package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.exception.IncusUnsupportedException;
import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.model.InstancePortForwardPost;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.internal.transport.UpgradedConnection;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Raw SFTP connections into containers on a real daemon, over both transports: the daemon
 * switches protocols and speaks SFTP version 3 on the same connection, with no SSH around it.
 */
@IncusIntegrationTest
class InstanceConnectionsIntegrationTest {

    private static final int SSH_FXP_INIT = 1;
    private static final int SSH_FXP_VERSION = 2;
    private static final int SSH_FXP_REALPATH = 16;
    private static final int SSH_FXP_NAME = 104;

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anSftpConnectionSpeaksSftpAndTheContainerKeepsWorking(Transport transport, IncusDaemon daemon)
            throws IOException {
        try (IncusClient client = transport.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "sftp")) {
            try (UpgradedConnection sftp = client.instanceConnections().sftp(container.name()).block()) {
                assertThat(sftp.protocol()).isEqualTo("sftp");
                assertThat(handshake(sftp)).isEqualTo(3);
                assertThat(realPath(sftp, "/etc/../root")).isEqualTo("/root");
            }

            assertThat(client.exec().run(container.name(), ExecRequest.of("echo", "still here")).block().stdoutText())
                    .isEqualTo("still here\n");
        }
    }

    @Test
    void aStoppedContainerIsReachableToo(IncusDaemon daemon) throws IOException {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            String name = Transport.uniqueName("sftp-stopped");
            client.instances().create(InstancesPost.builder(name).image(daemon.imageAlias()).build())
                    .flatMap(creation -> creation.await(Duration.ofSeconds(60))).block();
            try (RunningContainer container = RunningContainer.adopt(client, name);
                    UpgradedConnection sftp = client.instanceConnections().sftp(container.name()).block()) {
                assertThat(handshake(sftp)).isEqualTo(3);
                assertThat(client.instances().get(name).block().status()).isEqualTo("Stopped");
            }
        }
    }

    @Test
    void overHttpsAServerWhoseCertificateIsNotThePinnedOneIsRefused(IncusDaemon daemon) {
        // The client's own certificate stands in for a wrong pin: the daemon's is different.
        try (IncusClient client = IncusClient.builder().url(daemon.httpsUrl().toString())
                .clientCertificate(daemon.trustedClient().certificate(), daemon.trustedClient().privateKey())
                .serverCertificate(daemon.trustedClient().certificate()).build()) {
            assertThatThrownBy(() -> client.instanceConnections().sftp("any").block())
                    .isInstanceOfSatisfying(IncusConnectionException.class,
                            e -> assertThat(e.reason()).isEqualTo(IncusConnectionException.Reason.TLS));
        }
    }

    @Test
    void anUnknownInstanceIsNotFoundAndTheClientKeepsWorking(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            assertThatThrownBy(() -> client.instanceConnections().sftp("no-such-instance").block())
                    .isInstanceOf(IncusNotFoundException.class)
                    .hasMessageContaining("GET /1.0/instances/no-such-instance/sftp");

            assertThat(client.server().get().block().auth()).isEqualTo("trusted");
        }
    }

    @Test
    void closingTheClientClosesItsOpenConnections(IncusDaemon daemon) throws Exception {
        IncusClient client = Transport.UNIX_SOCKET.client(daemon);
        try (IncusClient owner = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(owner, daemon, "sftp-close")) {
            UpgradedConnection sftp = client.instanceConnections().sftp(container.name()).block();
            assertThat(handshake(sftp)).isEqualTo(3);
            CompletableFuture<Integer> blockedRead = CompletableFuture.supplyAsync(() -> {
                try {
                    return sftp.input().read();
                } catch (IOException closed) {
                    return -2;
                }
            });

            client.close();

            assertThat(blockedRead.get(10, TimeUnit.SECONDS)).isNegative();
            assertThat(sftp.isClosed()).isTrue();
        } finally {
            client.close();
        }
    }

    @Test
    void portForwardingNbdAndVolumeSftpNeedExtensionsThatIncus60LacksAndSayWhich(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            assertThatThrownBy(() -> client.instanceConnections()
                    .portForward("c1", new InstancePortForwardPost("127.0.0.1", 80)).block())
                    .isInstanceOf(IncusUnsupportedException.class)
                    .hasMessageContaining("instance_port_forward");
            assertThatThrownBy(() -> client.instanceConnections().nbd("c1", false).block())
                    .isInstanceOf(IncusUnsupportedException.class)
                    .hasMessageContaining("instance_nbd");
            assertThatThrownBy(() -> client.storagePools().volumes("default").connections("custom", "v1").sftp().block())
                    .isInstanceOf(IncusUnsupportedException.class)
                    .hasMessageContaining("custom_volume_sftp");
            assertThatThrownBy(() -> client.storagePools().volumes("default").connections("custom", "v1").nbd(true).block())
                    .isInstanceOf(IncusUnsupportedException.class)
                    .hasMessageContaining("storage_volume_nbd");
        }
    }

    /** Sends SSH_FXP_INIT and reads the version of SSH_FXP_VERSION. */
    static int handshake(UpgradedConnection sftp) throws IOException {
        sftp.output().write(packet(SSH_FXP_INIT, ByteBuffer.allocate(4).putInt(3).array()));
        ByteBuffer reply = readPacket(sftp);
        assertThat(reply.get() & 0xff).isEqualTo(SSH_FXP_VERSION);
        return reply.getInt();
    }

    /** Asks the server to canonicalise a path (SSH_FXP_REALPATH) and returns the answer. */
    private static String realPath(UpgradedConnection sftp, String path) throws IOException {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        ByteBuffer request = ByteBuffer.allocate(8 + bytes.length).putInt(7).putInt(bytes.length).put(bytes);
        sftp.output().write(packet(SSH_FXP_REALPATH, request.array()));
        ByteBuffer reply = readPacket(sftp);
        assertThat(reply.get() & 0xff).isEqualTo(SSH_FXP_NAME);
        assertThat(reply.getInt()).as("request id").isEqualTo(7);
        assertThat(reply.getInt()).as("names").isEqualTo(1);
        byte[] name = new byte[reply.getInt()];
        reply.get(name);
        return new String(name, StandardCharsets.UTF_8);
    }

    private static byte[] packet(int type, byte[] payload) {
        return ByteBuffer.allocate(5 + payload.length).putInt(1 + payload.length).put((byte) type).put(payload)
                .array();
    }

    private static ByteBuffer readPacket(UpgradedConnection sftp) throws IOException {
        DataInputStream input = new DataInputStream(sftp.input());
        int length = input.readInt();
        assertThat(length).isBetween(1, 1 << 20);
        byte[] body = new byte[length];
        input.readFully(body);
        return ByteBuffer.wrap(body);
    }
}
