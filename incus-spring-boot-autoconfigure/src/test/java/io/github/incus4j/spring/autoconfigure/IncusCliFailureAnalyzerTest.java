package io.github.incus4j.spring.autoconfigure;

import static io.github.incus4j.spring.autoconfigure.CliConfigDir.configYml;
import static io.github.incus4j.spring.autoconfigure.CliConfigDir.remote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.spring.autoconfigure.health.IncusHealthContributorAutoConfiguration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
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
 * Every mistake with incus.remote and incus.clients stops the application at startup with a report
 * naming the property, what is wrong (with the usable remotes where a remote is at fault) and the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class IncusCliFailureAnalyzerTest {

    private static final String USABLE = "Usable remotes: lab (https://10.1.2.3:8443), local (unix://), "
            + "sso (https://sso.example.net:8443)";

    @TempDir
    static Path temp;

    private static CliConfigDir cli;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, IncusAutoConfiguration.class,
                    IncusHealthContributorAutoConfiguration.class))
            .withPropertyValues("INCUS_GLOBAL_CONF=/nonexistent/global");

    @BeforeEach
    void cliConfiguration() {
        cli = CliConfigDir.create(temp.resolve("incus-" + System.nanoTime()), configYml("local",
                remote("lab", "https://10.1.2.3:8443", "incus", "default")
                        + remote("hub", "https://hub.example.net", "oci", "default")
                        + "  pub:\n    addr: https://pub.example.net:8443\n    protocol: incus\n    public: true\n"
                        + "  sso:\n    addr: https://sso.example.net:8443\n    auth_type: oidc\n    protocol: incus\n"
                        + "    public: false\n"))
                .pinServer("lab");
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                mistake("missing configuration directory", dir -> List.of("incus.remote=lab",
                        "incus.cli-config-dir=/nonexistent/incus"), "incus.remote",
                        "/nonexistent/incus (set by incus.cli-config-dir), does not exist", "incus remote add"),
                mistake("missing directory without a remote", dir -> List.of("incus.cli-config-dir=/nonexistent/incus"),
                        "incus.cli-config-dir", "its default remote cannot be looked up", "incus remote add"),
                mistake("unknown remote", dir -> List.of("incus.remote=lbs", "incus.cli-config-dir=" + dir),
                        "incus.remote", dir -> "has no remote 'lbs' in " + dir.resolve("config.yml") + ". " + USABLE,
                        "Set incus.remote to one of the usable remotes"),
                mistake("simplestreams image server", dir -> List.of("incus.remote=images",
                        "incus.cli-config-dir=" + dir), "incus.remote",
                        "is an image server (protocol simplestreams, public)", "a remote of protocol incus"),
                mistake("oci image server", dir -> List.of("incus.remote=hub", "incus.cli-config-dir=" + dir),
                        "incus.remote", "is an image server (protocol oci), not an Incus server the client can manage. " + USABLE, "a remote of protocol incus"),
                mistake("public incus server", dir -> List.of("incus.remote=pub", "incus.cli-config-dir=" + dir),
                        "incus.remote", "(protocol incus, public)", "a remote of protocol incus"),
                mistake("oidc remote the command line has not signed in to", dir -> List.of("incus.remote=sso",
                        "incus.cli-config-dir=" + dir), "incus.remote", dir -> "Remote 'sso' of the incus command line "
                        + "authenticates with OpenID Connect, but the command line has no tokens for it: "
                        + dir.resolve("oidctokens/sso.json") + " does not exist.",
                        "incus remote add sso https://sso.example.net:8443 --auth-type oidc"),
                mistake("missing client certificate", dir -> {
                    dir.delete("client.crt");
                    return List.of("incus.remote=lab", "incus.cli-config-dir=" + dir);
                }, "incus.remote", dir -> dir.resolve("client.crt") + " does not exist",
                        "incus remote generate-certificate"),
                mistake("broken client certificate", dir -> {
                    dir.write("client.crt", "not a certificate\n");
                    return List.of("incus.remote=lab", "incus.cli-config-dir=" + dir);
                }, "incus.remote", dir -> "(" + dir.resolve("client.crt") + ") cannot be used for "
                        + "incus.client-certificate", "incus remote add lab"),
                mistake("unusable address", dir -> {
                    dir.write("config.yml", configYml("local", remote("lab", "http://10.1.2.3:8443", "incus",
                            "default")));
                    return List.of("incus.remote=lab", "incus.cli-config-dir=" + dir);
                }, "incus.remote", "has an address the client cannot use: 'http://10.1.2.3:8443'",
                        "incus remote set-url lab"),
                mistake("not YAML", dir -> {
                    dir.write("config.yml", "remotes: [unclosed\n");
                    return List.of("incus.remote=lab", "incus.cli-config-dir=" + dir);
                }, "incus.remote", "is not valid YAML", "Repair config.yml"),
                mistake("remote without addr", dir -> {
                    dir.write("config.yml", "remotes:\n  lab:\n    protocol: incus\n");
                    return List.of("incus.remote=lab", "incus.cli-config-dir=" + dir);
                }, "incus.remote", "remote 'lab' has no addr", "Repair config.yml"),
                mistake("named client with a bad url", dir -> List.of("incus.clients.edge.url=http://edge:8443"),
                        "incus.clients.edge.url", "must use https", "Set incus.clients.edge.url"),
                mistake("named client with an unknown remote", dir -> List.of("incus.cli-config-dir=" + dir,
                        "incus.clients.edge.remote=edge"), "incus.clients.edge.remote",
                        "has no remote 'edge'", "Set incus.clients.edge.remote to one of the usable remotes"),
                mistake("named client with a bad health timeout", dir -> List.of(
                        "incus.clients.edge.socket-path=/nonexistent/unix.socket",
                        "incus.clients.edge.health.timeout=0s"), "incus.clients.edge.health.timeout",
                        "must be a positive duration", "Set incus.clients.edge.health.timeout"),
                mistake("named client with a zero connection lifetime", dir -> List.of(
                        "incus.clients.edge.socket-path=/nonexistent/unix.socket",
                        "incus.clients.edge.max-connection-lifetime=0ms"), "incus.clients.edge.max-connection-lifetime",
                        "Invalid incus.clients.edge.max-connection-lifetime: maxConnectionLifetime must be positive",
                        "Set incus.clients.edge.max-connection-lifetime to a positive duration, such as 5m"));
    }

    private static Arguments mistake(String name, Function<CliConfigDir, List<String>> properties,
            String property, String problem, String fix) {
        return mistake(name, properties, property, dir -> problem, fix);
    }

    private static Arguments mistake(String name, Function<CliConfigDir, List<String>> properties,
            String property, Function<CliConfigDir, String> problem, String fix) {
        return Arguments.argumentSet(name, properties, property, problem, fix);
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void aMistakeIsReportedWithThePropertyAndTheFix(Function<CliConfigDir, List<String>> properties,
            String property, Function<CliConfigDir, String> problem, String fix) {
        List<String> values = new ArrayList<>(properties.apply(cli));
        runner.withPropertyValues(values.toArray(String[]::new)).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new IncusConfigurationFailureAnalyzer().analyze(context.getStartupFailure());

            assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
            assertThat(analysis.getDescription()).contains("from " + property + ".").contains(problem.apply(cli));
            assertThat(analysis.getAction()).contains(fix);
            assertThat(((IncusConfigurationException) analysis.getCause()).property()).isEqualTo(property);
        });
    }

    @Test
    void theApplicationPrintsTheUsableRemotes(CapturedOutput output) {
        SpringApplication application = new SpringApplication(App.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--incus.remote=images", "--incus.cli-config-dir=" + cli,
                "--INCUS_GLOBAL_CONF=/nonexistent/global")).isInstanceOf(Exception.class);

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("The Incus client could not be configured from incus.remote.")
                .contains("Remote 'images' of the incus command line is an image server (protocol simplestreams, "
                        + "public), not an Incus server the client can manage. " + USABLE + ".")
                .contains("Set incus.remote to a remote of protocol incus");
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({SslAutoConfiguration.class, IncusAutoConfiguration.class})
    static class App {
    }
}
