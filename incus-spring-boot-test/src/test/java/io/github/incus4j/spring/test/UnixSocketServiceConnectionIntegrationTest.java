package io.github.incus4j.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.spring.test.IncusServiceConnection.Transport;
import io.github.incus4j.test.IncusDaemon;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The Unix socket instead of HTTPS: the same daemon, reached as an application on the host would. */
@SpringBootTest(classes = TestApplication.class)
@IncusServiceConnection(transport = Transport.UNIX_SOCKET)
class UnixSocketServiceConnectionIntegrationTest {

    @Autowired
    IncusClient incus;

    @Test
    void theClientUsesTheDaemonsSocket(IncusDaemon daemon) {
        assertThat(incus.endpoint().socketPath()).contains(daemon.socketPath());
        assertThat(incus.server().get().block().auth()).isEqualTo("trusted");
    }
}
