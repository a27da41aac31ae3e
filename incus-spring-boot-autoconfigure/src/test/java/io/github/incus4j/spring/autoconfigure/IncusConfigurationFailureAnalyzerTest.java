package io.github.incus4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.spring.autoconfigure.health.IncusHealthContributorAutoConfiguration;
import io.github.incus4j.spring.autoconfigure.operations.IncusOperationWaiterAutoConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/**
 * Every static mistake in the {@code incus.*} settings stops the application at startup with a
 * report naming the property and the fix, and never showing the keystore password.
 */
@ExtendWith(OutputCaptureExtension.class)
class IncusConfigurationFailureAnalyzerTest {

    private static final String SECRET = "Wr0ng-S3cret-Pw";
    private static final String URL = "incus.url=https://127.0.0.1:8443";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, IncusAutoConfiguration.class,
                    IncusHealthContributorAutoConfiguration.class, IncusOperationWaiterAutoConfiguration.class));

    static Stream<Arguments> mistakes() {
        String ecCert = "incus.client-certificate=" + TestFiles.path("tls/ec.crt");
        String ecKey = "incus.client-key=" + TestFiles.path("tls/ec-pkcs8.key");
        String keystore = "incus.client-keystore=" + TestFiles.path("tls/ec.p12");
        String pin = "incus.server-certificate=" + TestFiles.path("tls/server.crt");
        String encryptedKey = "incus.client-key=classpath:tls/ec-pkcs8-encrypted.key";
        return Stream.of(
                mistake("malformed url", List.of("incus.url=https://exa mple.net"), "incus.url",
                        "is not a valid URL", "https://incus.example.net:8443"),
                mistake("plain http url", List.of("incus.url=http://incus.example.net:8443"), "incus.url",
                        "must use https", "remove it to use the local Unix socket"),
                mistake("url with a path", List.of("incus.url=https://incus.example.net:8443/1.0"), "incus.url",
                        "must not have a path", "Set incus.url"),
                mistake("url and socket path", List.of(URL, "incus.socket-path=/var/lib/incus/unix.socket"),
                        "incus.socket-path", "are set, but the client talks to one daemon", "Remove one of them"),
                mistake("missing certificate file", List.of(URL, "incus.client-certificate=/nonexistent/client.crt",
                        ecKey), "incus.client-certificate", "does not exist", "Point incus.client-certificate"),
                mistake("certificate file that is not a certificate", List.of(URL,
                        "incus.client-certificate=" + TestFiles.path("tls/ec-pkcs8.key"), ecKey),
                        "incus.client-certificate", "BEGIN CERTIFICATE", "Point incus.client-certificate"),
                mistake("missing key file", List.of(URL, ecCert, "incus.client-key=/nonexistent/client.key"),
                        "incus.client-key", "does not exist", "Point incus.client-key"),
                mistake("key of another certificate", List.of(URL, ecCert,
                        "incus.client-key=" + TestFiles.path("tls/rsa-pkcs8.key")), "incus.client-key",
                        "does not belong", "that belongs to incus.client-certificate"),
                mistake("certificate without key", List.of(URL, ecCert), "incus.client-key",
                        "incus.client-key is not", "Set incus.client-key"),
                mistake("key without certificate", List.of(URL, ecKey), "incus.client-certificate",
                        "incus.client-certificate is not", "Set incus.client-certificate"),
                mistake("missing keystore", List.of(URL, "incus.client-keystore=/nonexistent/client.p12",
                        "incus.client-keystore-password=" + SECRET), "incus.client-keystore", "does not exist",
                        "Point incus.client-keystore"),
                mistake("wrong keystore password", List.of(URL, keystore, "incus.client-keystore-password=" + SECRET),
                        "incus.client-keystore-password", "wrong keystore password",
                        "Set incus.client-keystore-password to the password"),
                mistake("unknown key alias", List.of(URL, keystore, "incus.client-keystore-password=changeit",
                        "incus.client-key-alias=nobody"), "incus.client-key-alias", "no key entry named 'nobody'",
                        "Set incus.client-key-alias"),
                mistake("unknown keystore type", List.of(URL, keystore, "incus.client-keystore-password=changeit",
                        "incus.client-keystore-type=NOPE"), "incus.client-keystore-type",
                        "'NOPE' is not a keystore type", "PKCS12 or JKS"),
                mistake("keystore that is not a keystore", List.of(URL,
                        "incus.client-keystore=" + TestFiles.path("tls/ec.crt"), "incus.client-keystore-password="
                                + SECRET), "incus.client-keystore", "could not be", "PKCS12 or JKS"),
                mistake("PEM files and keystore", List.of(URL, ecCert, ecKey, keystore), "incus.client-keystore",
                        "are both set", "one way"),
                mistake("inline key cut short", List.of(URL, ecCert, "incus.client-key=-----BEGIN PRIVATE KEY-----\n"
                        + "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n"), "incus.client-key",
                        "has no matching '-----END ...-----' line", "the whole PEM text"),
                mistake("missing key resource", List.of(URL, ecCert, "incus.client-key=classpath:tls/missing.key"),
                        "incus.client-key", "the file or resource it names does not exist", "Point incus.client-key"),
                mistake("missing certificate resource", List.of(URL, "incus.client-certificate=classpath:tls/missing.crt",
                        ecKey), "incus.client-certificate",
                        "'classpath:tls/missing.crt' (class path resource [tls/missing.crt]) does not exist",
                        "classpath: location"),
                mistake("encrypted key without password", List.of(URL, ecCert, encryptedKey),
                        "incus.client-key-password", "is encrypted (-----BEGIN ENCRYPTED PRIVATE KEY-----)",
                        "Set incus.client-key-password to the key's password"),
                mistake("wrong key password", List.of(URL, ecCert, encryptedKey, "incus.client-key-password=" + SECRET),
                        "incus.client-key-password", "cannot be decrypted with it",
                        "Set incus.client-key-password to the password the key was encrypted with"),
                mistake("key password for an unencrypted key", List.of(URL, ecCert, ecKey,
                        "incus.client-key-password=" + SECRET), "incus.client-key-password", "is not encrypted",
                        "Remove incus.client-key-password"),
                mistake("key alias with PEM", List.of(URL, ecCert, ecKey, "incus.client-key-alias=client"),
                        "incus.client-key-alias", "applies to the client keystore only", "Remove incus.client-key-alias"),
                mistake("keystore password without keystore", List.of(URL, "incus.client-keystore-password=" + SECRET),
                        "incus.client-keystore-password", "applies to the client keystore only",
                        "give the client certificate as a keystore"),
                mistake("cipher suites of the SSL bundle", bundle("options.ciphers=TLS_AES_128_GCM_SHA256"),
                        "spring.ssl.bundle.pem.incus.options.ciphers", "cannot restrict cipher suites",
                        "Remove spring.ssl.bundle.pem.incus.options.ciphers"),
                mistake("TLS 1.2 alone in the SSL bundle", bundle("options.enabled-protocols=TLSv1.2"),
                        "spring.ssl.bundle.pem.incus.options.enabled-protocols", "always offers TLSv1.3",
                        "or to TLSv1.3,TLSv1.2"),
                mistake("protocol of the SSL bundle", bundle("protocol=TLSv1.2"),
                        "spring.ssl.bundle.pem.incus.protocol", "is 'TLSv1.2'", "choose the TLS versions with "
                        + "spring.ssl.bundle.pem.incus.options.enabled-protocols"),
                mistake("allow-tls12 against the SSL bundle", bundle("options.enabled-protocols=TLSv1.3",
                        "incus.allow-tls12=true"), "incus.allow-tls12", "does not list TLSv1.2", "Add TLSv1.2"),
                mistake("unknown key alias of a keystore SSL bundle", List.of(URL, "incus.ssl.bundle=incus", pin,
                        "spring.ssl.bundle.jks.incus.keystore.location=" + TestFiles.path("tls/ec.p12"),
                        "spring.ssl.bundle.jks.incus.keystore.password=changeit",
                        "spring.ssl.bundle.jks.incus.key.alias=nobody"), "spring.ssl.bundle.jks.incus.key.alias",
                        "has no key entry named 'nobody'; its key entries are [client]",
                        "Set spring.ssl.bundle.jks.incus.key.alias"),
                mistake("missing server certificate", List.of(URL, "incus.server-certificate=/nonexistent/server.crt"),
                        "incus.server-certificate", "does not exist", "server.crt"),
                mistake("pinned certificate and authorities", List.of(URL, pin,
                        "incus.certificate-authorities=" + TestFiles.path("tls/server.crt")),
                        "incus.certificate-authorities", "are both set", "Trust the server one way"),
                mistake("unknown SSL bundle", List.of(URL, "incus.ssl.bundle=missing"), "incus.ssl.bundle",
                        "no SSL bundle named 'missing' (no bundle is defined)", "spring.ssl.bundle.pem.missing"),
                mistake("misspelt SSL bundle", List.of(URL, "incus.ssl.bundle=incsu",
                        "spring.ssl.bundle.pem.incus.truststore.certificate=" + TestFiles.path("tls/server.crt")),
                        "incus.ssl.bundle", "defined: [incus]", "set incus.ssl.bundle to the name of a defined bundle"),
                mistake("SSL bundle and PEM files", List.of(URL, ecCert, ecKey, "incus.ssl.bundle=incus"),
                        "incus.ssl.bundle", "are both set", "not both"),
                mistake("client certificate without url", List.of(ecCert, ecKey), "incus.client-certificate",
                        "is set but incus.url is not", "Set incus.url"),
                mistake("SSL bundle without url", List.of("incus.ssl.bundle=incus"), "incus.ssl.bundle",
                        "is set but incus.url is not", "Set incus.url"),
                mistake("project named ..", List.of("incus.project=.."), "incus.project", "not a valid Incus name",
                        "incus project list"),
                mistake("blank user agent", List.of("incus.user-agent= "), "incus.user-agent", "must not be blank",
                        "non-blank"),
                mistake("zero connect timeout", List.of("incus.connect-timeout=0s"), "incus.connect-timeout",
                        "must be positive", "positive duration"),
                mistake("negative response timeout", List.of("incus.response-timeout=-1s"), "incus.response-timeout",
                        "must be positive", "positive duration"),
                mistake("no connections", List.of("incus.max-connections=0"), "incus.max-connections",
                        "must be positive", "positive number"),
                mistake("zero connection lifetime", List.of("incus.max-connection-lifetime=0s"),
                        "incus.max-connection-lifetime", "must be positive",
                        "Set incus.max-connection-lifetime to a positive duration, such as 5m, or remove it"),
                mistake("negative connection lifetime", List.of("incus.max-connection-lifetime=-1m"),
                        "incus.max-connection-lifetime", "must be positive, got PT-1M",
                        "Set incus.max-connection-lifetime to a positive duration"),
                mistake("response size beyond 2GB", List.of("incus.max-response-size=3GB"),
                        "incus.max-response-size", "more than the client can buffer", "at most 2047MB"),
                mistake("zero health timeout", List.of("incus.health.timeout=0s"), "incus.health.timeout",
                        "must be a positive duration", "shorter than the timeout of the probes"),
                mistake("negative operations timeout", List.of("incus.operations.timeout=-5s"),
                        "incus.operations.timeout", "must be a positive duration", "such as 5m"),
                mistake("zero progress interval", List.of("incus.operations.progress-interval=0ms"),
                        "incus.operations.progress-interval", "must be a positive duration", "such as 1s"));
    }

    /** A PEM SSL bundle named incus with the client's certificate and a pinned server, plus the given settings. */
    private static List<String> bundle(String... more) {
        List<String> properties = new ArrayList<>(List.of(URL, "incus.ssl.bundle=incus",
                "incus.server-certificate=classpath:tls/server.crt",
                "spring.ssl.bundle.pem.incus.keystore.certificate=classpath:tls/ec.crt",
                "spring.ssl.bundle.pem.incus.keystore.private-key=classpath:tls/ec-pkcs8.key"));
        for (String setting : more) {
            properties.add(setting.startsWith("incus.") ? setting : "spring.ssl.bundle.pem.incus." + setting);
        }
        return properties;
    }

    private static Arguments mistake(String name, List<String> properties, String property, String problem,
            String fix) {
        return Arguments.argumentSet(name, properties, property, problem, fix);
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void aMistakeIsReportedWithThePropertyAndTheFix(List<String> properties, String property, String problem,
            String fix) {
        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            FailureAnalysis analysis = new IncusConfigurationFailureAnalyzer().analyze(failure);

            assertThat(analysis).as("analysis of %s", failure).isNotNull();
            assertThat(analysis.getDescription()).contains("from " + property + ".").contains(problem);
            assertThat(analysis.getAction()).contains(fix);
            assertThat(((IncusConfigurationException) analysis.getCause()).property()).isEqualTo(property);
            assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(SECRET);
            properties.stream().filter(setting -> setting.startsWith("incus.client-key="))
                    .map(setting -> setting.substring("incus.client-key=".length()))
                    .forEach(key -> assertThat(messagesOf(failure)).noneMatch(message -> message.contains(key)));
            assertThat(messagesOf(failure)).noneMatch(message -> message.contains(SECRET));
        });
    }

    @Test
    void anotherFailureIsLeftToOtherAnalyzers() {
        assertThat(new IncusConfigurationFailureAnalyzer().analyze(new IllegalStateException("unrelated"))).isNull();
    }

    /** Also proves that the analyzer is registered in META-INF/spring.factories. */
    @Test
    void theApplicationPrintsTheReportAndNotThePassword(CapturedOutput output) {
        SpringApplication application = new SpringApplication(App.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--incus.url=https://127.0.0.1:8443",
                "--incus.client-keystore=" + TestFiles.path("tls/ec.p12"),
                "--incus.client-keystore-password=" + SECRET)).isInstanceOf(Exception.class);

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("The Incus client could not be configured from incus.client-keystore-password.")
                .contains("wrong keystore password")
                .contains("Set incus.client-keystore-password to the password of incus.client-keystore")
                .doesNotContain(SECRET);
    }

    private static List<String> messagesOf(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            for (Throwable suppressed : t.getSuppressed()) {
                messages.add(String.valueOf(suppressed.getMessage()));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return messages;
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({SslAutoConfiguration.class, IncusAutoConfiguration.class})
    static class App {
    }
}
