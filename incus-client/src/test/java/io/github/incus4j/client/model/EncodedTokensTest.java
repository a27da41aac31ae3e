package io.github.incus4j.client.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Join and trust tokens round-trip through their string form, and a bad one is refused without being quoted. */
class EncodedTokensTest {

    // One JSON token, which a parser quotes whole in its message.
    private static final String SECRET = "s3cr3tThatMustNotLeak";

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
        // Nor in a cause, which a logged stack trace would print.
        for (Throwable failure : List.of(catchThrowable(() -> CertificateAddToken.decode(broken)),
                catchThrowable(() -> ClusterJoinToken.decode(broken)),
                catchThrowable(() -> CertificateAddToken.decode("not base64 " + SECRET)))) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                assertThat(String.valueOf(cause.getMessage())).doesNotContain(SECRET);
            }
        }
    }
}
