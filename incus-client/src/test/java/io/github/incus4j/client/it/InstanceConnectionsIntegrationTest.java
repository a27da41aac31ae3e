package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.FileWriteOptions;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.UpgradedConnection;
import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.exception.IncusUnsupportedException;
import io.github.incus4j.client.model.InstancePortForwardPost;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
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
    private static final int SSH_FXP_OPEN = 3;
    private static final int SSH_FXP_READ = 5;
    private static final int SSH_FXP_HANDLE = 102;
    private static final int SSH_FXP_DATA = 103;
    private static final int SSH_FXP_NAME = 104;
    private static final int SSH_FXF_READ = 1;
    private static final int CHUNK = 32 * 1024;

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anSftpConnectionSpeaksSftpAndTheContainerKeepsWorking(Transport transport, IncusDaemon daemon)
            throws IOException {
        try (IncusClient client = transport.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "sftp")) {
            try (UpgradedConnection sftp = client.instances().connections(container.name()).sftp().block()) {
                assertThat(sftp.protocol()).isEqualTo("sftp");
                assertThat(handshake(sftp)).isEqualTo(3);
                assertThat(realPath(sftp, "/etc/../root")).isEqualTo("/root");
            }

            assertThat(client.instances().exec(container.name()).run(ExecRequest.of("echo", "still here")).block().stdoutText())
                    .isEqualTo("still here\n");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFileReadOverSftpArrivesWholeWithManyReadsInFlight(Transport transport, IncusDaemon daemon) throws IOException {
        byte[] content = new byte[8 << 20];
        new java.util.Random(42).nextBytes(content);
        try (IncusClient client = transport.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "sftp-read")) {
            client.instances().files(container.name()).write("/root/blob", content, FileWriteOptions.defaults()).block();
            try (UpgradedConnection sftp = client.instances().connections(container.name()).sftp().block()) {
                handshake(sftp);
                byte[] handle = open(sftp, "/root/blob");
                assertThat(readWhole(sftp, handle, content.length)).isEqualTo(content);
            }
        }
    }

    @Test
    void aStoppedContainerIsReachableToo(IncusDaemon daemon) throws IOException {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            String name = Transport.uniqueName("sftp-stopped");
            client.instances().create(InstancesPost.builder(name).image(daemon.imageAlias()).build())
                    .flatMap(creation -> creation.await(Duration.ofSeconds(60))).block();
            try (RunningContainer container = RunningContainer.adopt(client, name);
                    UpgradedConnection sftp = client.instances().connections(container.name()).sftp().block()) {
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
            assertThatThrownBy(() -> client.instances().connections("any").sftp().block())
                    .isInstanceOfSatisfying(IncusConnectionException.class,
                            e -> assertThat(e.reason()).isEqualTo(IncusConnectionException.Reason.TLS));
        }
    }

    @Test
    void overHttpsWithACertificateAuthorityTheHostNameIsCheckedAsForRequests(IncusDaemon daemon) throws Exception {
        // The daemon's self-signed certificate as the authority: trusted, but names only the
        // addresses in its subject alternative names (127.0.0.1 among them), never "localhost".
        X509Certificate server;
        try (InputStream pem = Files.newInputStream(daemon.serverCertificate())) {
            server = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem);
        }
        assumeFalse(String.valueOf(server.getSubjectAlternativeNames()).contains("localhost"),
                "the server certificate names localhost");
        assumeTrue(Arrays.stream(InetAddress.getAllByName("localhost"))
                .anyMatch(address -> address.getHostAddress().equals("127.0.0.1")), "localhost is 127.0.0.1");
        URI url = daemon.httpsUrl();
        try (IncusClient byAddress = authorityClient(daemon, url);
                IncusClient byOtherName = authorityClient(daemon, URI.create("https://localhost:" + url.getPort()));
                RunningContainer container = RunningContainer.launch(byAddress, daemon, "sftp-ca")) {
            try (UpgradedConnection sftp = byAddress.instances().connections(container.name()).sftp().block()) {
                assertThat(handshake(sftp)).isEqualTo(3);
            }

            assertThatThrownBy(() -> byOtherName.server().get().block())
                    .isInstanceOfSatisfying(IncusConnectionException.class,
                            e -> assertThat(e.reason()).isEqualTo(IncusConnectionException.Reason.TLS));
            assertThatThrownBy(() -> byOtherName.instances().connections(container.name()).sftp().block())
                    .isInstanceOfSatisfying(IncusConnectionException.class,
                            e -> assertThat(e.reason()).isEqualTo(IncusConnectionException.Reason.TLS));
        }
    }

    private static IncusClient authorityClient(IncusDaemon daemon, URI url) {
        return IncusClient.builder().url(url)
                .clientCertificate(daemon.trustedClient().certificate(), daemon.trustedClient().privateKey())
                .certificateAuthorities(daemon.serverCertificate()).build();
    }

    @Test
    void anUnknownInstanceIsNotFoundAndTheClientKeepsWorking(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            assertThatThrownBy(() -> client.instances().connections("no-such-instance").sftp().block())
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
            UpgradedConnection sftp = client.instances().connections(container.name()).sftp().block();
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
            assertThatThrownBy(() -> client.instances().connections("c1")
                    .portForward(new InstancePortForwardPost("127.0.0.1", 80)).block())
                    .isInstanceOf(IncusUnsupportedException.class)
                    .hasMessageContaining("instance_port_forward");
            assertThatThrownBy(() -> client.instances().connections("c1").nbd(false).block())
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

    /** Opens a file for reading (SSH_FXP_OPEN) and returns its handle. */
    private static byte[] open(UpgradedConnection sftp, String path) throws IOException {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        ByteBuffer request = ByteBuffer.allocate(16 + name.length).putInt(1).putInt(name.length).put(name)
                .putInt(SSH_FXF_READ).putInt(0);
        sftp.output().write(packet(SSH_FXP_OPEN, request.array()));
        ByteBuffer reply = readPacket(sftp);
        assertThat(reply.get() & 0xff).isEqualTo(SSH_FXP_HANDLE);
        reply.getInt();
        byte[] handle = new byte[reply.getInt()];
        reply.get(handle);
        return handle;
    }

    /**
     * Reads a file in 32 KiB SSH_FXP_READs, 16 of them in flight at a time as SFTP clients do; the
     * server may answer them in any order, so each answer goes where its request id says.
     */
    private static byte[] readWhole(UpgradedConnection sftp, byte[] handle, int size) throws IOException {
        byte[] content = new byte[size];
        int chunks = (size + CHUNK - 1) / CHUNK;
        int sent = 0;
        for (int received = 0; received < chunks; received++) {
            for (; sent < chunks && sent - received < 16; sent++) {
                ByteBuffer request = ByteBuffer.allocate(20 + handle.length).putInt(sent).putInt(handle.length)
                        .put(handle).putLong((long) sent * CHUNK).putInt(CHUNK);
                sftp.output().write(packet(SSH_FXP_READ, request.array()));
            }
            ByteBuffer reply = readPacket(sftp);
            assertThat(reply.get() & 0xff).isEqualTo(SSH_FXP_DATA);
            int chunk = reply.getInt();
            int length = reply.getInt();
            assertThat(length).isEqualTo(Math.min(CHUNK, size - chunk * CHUNK));
            reply.get(content, chunk * CHUNK, length);
        }
        return content;
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
