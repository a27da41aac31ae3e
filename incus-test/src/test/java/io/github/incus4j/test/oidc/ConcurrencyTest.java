package io.github.incus4j.test.oidc;

import static io.github.incus4j.test.oidc.OidcHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many clients at once: every flow completes with its own codes and tokens, while the key rotates. */
class ConcurrencyTest {

    private static final int FLOWS = 24;

    @Test
    void parallelDeviceFlowsAndClientCredentialsAllSucceed() throws Exception {
        try (OidcProvider provider = OidcProvider.builder().client(OidcClient.publicClient("incus"))
                .client(OidcClient.confidential("ci", "secret")).start()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < FLOWS; i++) {
                    boolean device = i % 2 == 0;
                    results.add(pool.submit(() -> device ? deviceFlow(provider) : clientCredentials(provider)));
                    if (i == FLOWS / 2) {
                        provider.rotateSigningKey();
                    }
                }
                Set<String> tokens = new HashSet<>();
                for (Future<String> result : results) {
                    tokens.add(result.get(60, TimeUnit.SECONDS));
                }
                assertThat(tokens).hasSize(FLOWS);
            } finally {
                pool.shutdownNow();
                assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    private static String deviceFlow(OidcProvider provider) throws Exception {
        Map<String, Object> started = OidcHttp.postForm(provider.deviceAuthorizationEndpoint(),
                form("client_id", "incus", "scope", "openid offline_access email")).json();
        assertThat(OidcHttp.get(URI.create((String) started.get("verification_uri_complete"))).status()).isEqualTo(200);
        OidcHttp.Response tokens = OidcHttp.postForm(provider.tokenEndpoint(), form("grant_type",
                "urn:ietf:params:oauth:grant-type:device_code", "device_code", (String) started.get("device_code"),
                "client_id", "incus"));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return (String) tokens.json().get("access_token");
    }

    private static String clientCredentials(OidcProvider provider) throws Exception {
        OidcHttp.Response tokens = OidcHttp.postForm(provider.tokenEndpoint(), form("grant_type", "client_credentials"),
                new String[] {"ci", "secret"});
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return (String) tokens.json().get("access_token");
    }
}
