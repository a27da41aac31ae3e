package io.github.incus4j.spring.autoconfigure;

import static io.github.incus4j.spring.autoconfigure.CliConfigDir.configYml;
import static io.github.incus4j.spring.autoconfigure.CliConfigDir.remote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a remote of the incus command line's configuration becomes the settings of a client. */
class IncusCliRemotesTest {

    @TempDir
    Path temp;

    private final Map<String, String> environment = new HashMap<>(Map.of("INCUS_GLOBAL_CONF", "/nonexistent/global"));

    @Test
    void anHttpsRemoteGivesItsAddressCertificatesPinAndProject() {
        CliConfigDir dir = CliConfigDir.create(temp, configYml("local",
                remote("lab", "https://10.1.2.3:8443", "incus", "web"))).pinServer("lab");

        IncusCliRemotes.Resolved resolved = resolve(settings("lab", dir));

        IncusConnectionProperties settings = resolved.settings();
        assertThat(settings.getUrl()).isEqualTo("https://10.1.2.3:8443");
        assertThat(settings.getClientCertificate()).isEqualTo(dir.resolve("client.crt").toString());
        assertThat(settings.getClientKey()).isEqualTo(dir.resolve("client.key").toString());
        assertThat(settings.getServerCertificate()).isEqualTo(dir.resolve("servercerts/lab.crt").toString());
        assertThat(settings.getCertificateAuthorities()).isNull();
        assertThat(settings.getProject()).isEqualTo("web");
        assertThat(resolved.addresses()).containsExactly(URI.create("https://10.1.2.3:8443"));
        assertThat(resolved.fromFile()).containsKeys("incus.url", "incus.client-certificate", "incus.client-key",
                "incus.server-certificate", "incus.project");
    }

    @Test
    void theDefaultProjectIsLeftToTheDaemonAsTheCommandLineDoes() {
        CliConfigDir dir = CliConfigDir.create(temp, configYml("local",
                remote("lab", "https://10.1.2.3:8443", "incus", "default"))).pinServer("lab");

        assertThat(resolve(settings("lab", dir)).settings().getProject()).isNull();
    }

    @Test
    void explicitSettingsWinOverTheFile() {
        CliConfigDir dir = CliConfigDir.create(temp, configYml("local",
                remote("lab", "https://10.1.2.3:8443", "incus", "web"))).pinServer("lab");
        IncusConnectionProperties explicit = settings("lab", dir);
        explicit.setUrl("https://lab.example.net:9443");
        explicit.setProject("ci");
        explicit.setCertificateAuthorities("/etc/ssl/incus-ca.crt");
        explicit.setConnectTimeout(java.time.Duration.ofSeconds(2));

        IncusConnectionProperties settings = resolve(explicit).settings();

        assertThat(settings.getUrl()).isEqualTo("https://lab.example.net:9443");
        assertThat(settings.getProject()).isEqualTo("ci");
        assertThat(settings.getCertificateAuthorities()).isEqualTo("/etc/ssl/incus-ca.crt");
        assertThat(settings.getServerCertificate()).isNull();
        assertThat(settings.getClientCertificate()).isEqualTo(dir.resolve("client.crt").toString());
        assertThat(settings.getConnectTimeout()).hasSeconds(2);
        assertThat(explicit.getClientCertificate()).as("the bound properties are left alone").isNull();
    }

    @Test
    void severalAddressesAreTriedStartingWithTheLastThatWorked() {
        CliConfigDir dir = CliConfigDir.create(temp, configYml("local", "  lab:\n"
                + "    addr: 10.0.0.1, https://10.0.0.2:9443,[fd00::3]\n    last_working_address: "
                + "https://10.0.0.2:9443\n    protocol: incus\n    public: false\n")).pinServer("lab");

        IncusCliRemotes.Resolved resolved = resolve(settings("lab", dir));

        assertThat(resolved.addresses()).containsExactly(URI.create("https://10.0.0.2:9443"),
                URI.create("https://[fd00::3]:8443"), URI.create("https://10.0.0.1:8443"));
        assertThat(resolved.settings().getUrl()).isEqualTo("https://10.0.0.2:9443");
    }

    @Test
    void localIsTheUnixSocketFoundAsTheCommandLineFindsIt() {
        CliConfigDir dir = CliConfigDir.create(temp, configYml("local", ""));

        IncusCliRemotes.Resolved resolved = resolve(settings("local", dir));

        assertThat(resolved.settings().getUrl()).isNull();
        assertThat(resolved.settings().getSocketPath()).isNull();
        assertThat(resolved.settings().getClientCertificate()).isNull();
        assertThat(resolved.addresses()).isEmpty();
    }

    @Test
    void aRelativeSocketPathResolvesAgainstTheConfigurationDirectory() {
        CliConfigDir dir = CliConfigDir.create(temp, configYml("local",
                "  box:\n    addr: unix:sockets/incus.socket\n    protocol: incus\n    public: false\n"));

        assertThat(resolve(settings("box", dir)).settings().getSocketPath())
                .isEqualTo(dir.resolve("sockets/incus.socket"));
    }

    @Test
    void withoutARemoteTheDefaultRemoteIsUsed() {
        CliConfigDir dir = CliConfigDir.create(temp, configYml("lab",
                remote("lab", "https://10.1.2.3:8443", "incus", "default"))).pinServer("lab");
        IncusConnectionProperties settings = new IncusConnectionProperties();
        settings.setCliConfigDir(dir.path());

        assertThat(resolve(settings).remote()).isEqualTo("lab");
    }

    @Test
    void theDirectoryIsFoundThroughIncusConfThenHome() {
        CliConfigDir.create(temp.resolve("conf"), configYml("local",
                remote("lab", "https://10.1.2.3:8443", "incus", "default")));
        CliConfigDir.create(temp.resolve("home/.config/incus"), configYml("local",
                remote("lab", "https://10.9.9.9:8443", "incus", "default")));
        IncusConnectionProperties settings = new IncusConnectionProperties();
        settings.setRemote("lab");
        environment.put("HOME", temp.resolve("home").toString());

        assertThat(resolve(settings).settings().getUrl()).isEqualTo("https://10.9.9.9:8443");
        environment.put("INCUS_CONF", temp.resolve("conf").toString());
        assertThat(resolve(settings).settings().getUrl()).isEqualTo("https://10.1.2.3:8443");
    }

    @Test
    void pkiModeTrustsTheClientCaWhenNoCertificateIsPinned() {
        CliConfigDir dir = CliConfigDir.create(temp, configYml("local",
                remote("lab", "https://lab.example.net:8443", "incus", "default"))).copy("tls/server.crt", "client.ca");

        IncusConnectionProperties settings = resolve(settings("lab", dir)).settings();

        assertThat(settings.getServerCertificate()).isNull();
        assertThat(settings.getCertificateAuthorities()).isEqualTo(dir.resolve("client.ca").toString());
    }

    @Test
    void aPerRemoteClientCertificateIsPreferred() {
        CliConfigDir dir = CliConfigDir.create(temp, configYml("local",
                remote("lab", "https://lab.example.net:8443", "incus", "default")))
                .copy("tls/rsa.crt", "clientcerts/lab.crt").copy("tls/rsa-pkcs8.key", "clientcerts/lab.key");

        IncusConnectionProperties settings = resolve(settings("lab", dir)).settings();

        assertThat(settings.getClientCertificate()).isEqualTo(dir.resolve("clientcerts/lab.crt").toString());
        assertThat(settings.getClientKey()).isEqualTo(dir.resolve("clientcerts/lab.key").toString());
    }

    @Test
    void systemWideRemotesAreAddedWithTheirPinnedCertificate() {
        CliConfigDir dir = CliConfigDir.create(temp.resolve("user"), configYml("local", ""));
        CliConfigDir global = CliConfigDir.create(temp.resolve("global"), "remotes:\n"
                + remote("shared", "https://10.4.4.4:8443", "incus", "default")).pinServer("shared");
        environment.put("INCUS_GLOBAL_CONF", global.path().toString());

        IncusConnectionProperties settings = resolve(settings("shared", dir)).settings();

        assertThat(settings.getUrl()).isEqualTo("https://10.4.4.4:8443");
        assertThat(settings.getServerCertificate()).isEqualTo(global.resolve("servercerts/shared.crt").toString());
        assertThat(settings.getClientCertificate()).isEqualTo(dir.resolve("client.crt").toString());
    }

    @Test
    void withoutConfigYmlTheCommandLineDefaultsApply() {
        Path empty = temp.resolve("empty");
        CliConfigDir.create(empty, "").delete("config.yml");

        assertThat(resolve(settings("local", empty)).settings().getUrl()).isNull();
        assertThatThrownBy(() -> resolve(settings("images", empty)))
                .isInstanceOf(IncusConfigurationException.class)
                .hasMessageContaining("image server (protocol simplestreams, public)")
                .hasMessageContaining("Usable remotes: local (unix://)");
    }

    private IncusCliRemotes.Resolved resolve(IncusConnectionProperties settings) {
        return IncusCliRemotes.resolve(settings, "incus", null, environment::get);
    }

    private static IncusConnectionProperties settings(String remote, CliConfigDir dir) {
        return settings(remote, dir.path());
    }

    private static IncusConnectionProperties settings(String remote, Path dir) {
        IncusConnectionProperties settings = new IncusConnectionProperties();
        settings.setRemote(remote);
        settings.setCliConfigDir(dir);
        return settings;
    }
}
