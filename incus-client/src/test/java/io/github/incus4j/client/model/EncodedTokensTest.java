package io.github.incus4j.client.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Join and trust tokens round-trip through their string form, and a bad one is refused without being quoted. */
class EncodedTokensTest {

    private static final String SECRET = "s3cr3t-that-must-not-leak";

    @Test
    void tokensRoundTripThroughTheirStringForm() {
        ClusterJoinToken join = new ClusterJoinToken("node2", "abc", List.of("127.0.0.1:8443"), SECRET,
                Instant.parse("2030-01-01T00:00:00Z"));
        CertificateAddToken trust = new CertificateAddToken("ci", "abc", List.of("127.0.0.1:8443"), SECRET, null);

        assertThat(ClusterJoinToken.decode(join.encoded())).isEqualTo(join);
        assertThat(CertificateAddToken.decode(trust.encoded())).isEqualTo(trust);
    }

    @Test
    void aMalformedTokenIsRefusedWithoutQuotingIt() {
        // Valid base64 of broken JSON that holds the secret: a parser's message would quote it.
        String broken = Base64.getEncoder().encodeToString(("{\"secret\": " + SECRET + "}")
                .getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> CertificateAddToken.decode(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not an Incus trust token").hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> ClusterJoinToken.decode(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a cluster join token").hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> CertificateAddToken.decode("not base64 " + SECRET))
                .hasMessageNotContaining(SECRET);
    }
}
