package io.github.incus4j.samples.sandbox;

import io.github.incus4j.client.IncusEndpoint;
import io.github.incus4j.test.IncusDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes the sample work on a machine where Incus is installed but no daemon runs.
 *
 * <p>When nothing is configured ({@code incus.socket-path} and {@code incus.url} unset) and no
 * daemon socket exists where the {@code incus} command line would look, but a daemon can be started
 * here (root, Incus installed), it starts a throw-away daemon in a temporary directory with a
 * BusyBox image imported as {@code busybox}, points {@code incus.socket-path} at it, says so in the
 * log, and removes it when the JVM exits. Otherwise it does nothing, and the health endpoint and
 * the page explain why Incus is unavailable.
 */
final class LocalIncusFallback implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final Log log = LogFactory.getLog(LocalIncusFallback.class);

    /** The JVM-wide daemon, started at most once even if several contexts start. */
    private static IncusDaemon daemon;

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        if (!environment.getProperty("sandbox.local-daemon-fallback", Boolean.class, true)
                || environment.containsProperty("incus.socket-path") || environment.containsProperty("incus.url")) {
            return;
        }
        IncusEndpoint local = IncusEndpoint.localSocket();
        if (local.socketPath().filter(Files::exists).isPresent()) {
            return;
        }
        Optional<String> unavailable = IncusDaemon.unavailableReason();
        if (unavailable.isPresent()) {
            log.warn("No Incus daemon socket found (tried " + local.triedSocketPaths() + ") and none can be started here: "
                    + unavailable.get() + ". The application starts anyway; /actuator/health says what is wrong.");
            return;
        }
        Path socket = startThrowAwayDaemon();
        environment.getPropertySources().addFirst(new MapPropertySource("sandboxLocalDaemon",
                Map.of("incus.socket-path", socket.toString())));
    }

    private static synchronized Path startThrowAwayDaemon() {
        if (daemon == null) {
            log.info("No Incus daemon is running here (tried " + IncusEndpoint.localSocket().triedSocketPaths()
                    + "); starting a throw-away one, removed again on shutdown...");
            daemon = IncusDaemon.start();
            Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "sandbox-local-daemon-cleanup"));
            log.info("Started a throw-away Incus " + daemon.version() + " daemon in " + daemon.directory()
                    + " with the image '" + daemon.imageAlias() + "'; socket " + daemon.socketPath());
        }
        return daemon.socketPath();
    }
}
