package io.github.incus4j.test.oidc;

import static io.github.incus4j.test.oidc.OidcHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in browser approves a device code by fetching the verification URL, as the CLI would run it. */
class BrowserScriptTest {

    @TempDir
    Path directory;

    @Test
    void runningTheScriptWithTheVerificationUrlApprovesTheCode() throws Exception {
        Path script = BrowserScript.write(directory);
        assertThat(script).isEqualTo(directory.resolve("oidc-browser.sh"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script))).isEqualTo("rwx------");

        try (OidcProvider provider = OidcProvider.start()) {
            Map<String, Object> started = OidcHttp.postForm(provider.deviceAuthorizationEndpoint(),
                    form("client_id", "incus", "client_secret", "", "scope", "openid offline_access email")).json();
            String url = (String) started.get("verification_uri_complete");

            Process browser = new ProcessBuilder(script.toString(), url)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true).start();
            boolean finished = browser.waitFor(20, TimeUnit.SECONDS);
            if (!finished) {
                browser.descendants().forEach(ProcessHandle::destroyForcibly);
                browser.destroyForcibly();
            }
            assertThat(finished).as("the script finishes within 20 s").isTrue();
            assertThat(browser.exitValue()).as(new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isZero();

            OidcHttp.Response tokens = OidcHttp.postForm(provider.tokenEndpoint(), form("grant_type",
                    "urn:ietf:params:oauth:grant-type:device_code", "device_code", (String) started.get("device_code"),
                    "client_id", "incus"));
            assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
            assertThat(Files.readAllLines(directory.resolve(BrowserScript.LOG_NAME))).containsExactly(url);
        }
    }
}
