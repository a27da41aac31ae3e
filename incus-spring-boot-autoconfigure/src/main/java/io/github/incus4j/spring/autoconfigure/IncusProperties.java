package io.github.incus4j.spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the auto-configured {@link io.github.incus4j.client.IncusClient}, prefix {@code incus}.
 *
 * <p>Without any setting the client talks to the local daemon over its Unix socket, found the way
 * the {@code incus} command line finds it. Set {@code incus.remote} to use a remote of the command
 * line's configuration, or {@code incus.url} and client credentials for a remote daemon over HTTPS
 * with mutual TLS. {@code incus.clients.NAME.*}, with the same keys, declares further clients
 * injectable by {@code @Qualifier("NAME")}.
 */
@ConfigurationProperties("incus")
public class IncusProperties extends IncusConnectionProperties {

    /**
     * Whether to auto-configure the Incus client.
     */
    private boolean enabled = true;

    /**
     * Named clients, one IncusClient bean per name (injectable with @Qualifier("NAME")), with the
     * same keys as incus.*, such as incus.clients.lab.remote=lab; a named client without
     * cli-config-dir uses incus.cli-config-dir. Once named clients are declared, the unnamed client
     * exists only if incus.url, incus.socket-path or incus.remote is set.
     */
    private final Map<String, IncusConnectionProperties> clients = new LinkedHashMap<>();

    private final Operations operations = new Operations();

    private final WarmUp warmUp = new WarmUp();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Map<String, IncusConnectionProperties> getClients() {
        return clients;
    }

    public Operations getOperations() {
        return operations;
    }

    public WarmUp getWarmUp() {
        return warmUp;
    }

    /**
     * Describes the settings without the keystore passwords.
     *
     * @return a description safe to log
     */
    @Override
    public String toString() {
        return "IncusProperties[enabled=" + enabled + ", " + describe() + ", clients=" + clients + "]";
    }

    /**
     * Defaults of the operation-waiting helper (IncusOperationWaiter).
     */
    public static class Operations {

        /**
         * Longest time the helper waits for an operation unless told otherwise.
         */
        private Duration timeout = Duration.ofMinutes(5);

        /**
         * Whether the helper asks the daemon to cancel an operation still running at the
         * deadline; otherwise it goes on in the daemon.
         */
        private boolean cancelOnTimeout = false;

        /**
         * How often the helper reads the operation to report its progress, when a progress
         * callback is given or debug logging is on for IncusOperationWaiter.
         */
        private Duration progressInterval = Duration.ofSeconds(1);

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public boolean isCancelOnTimeout() {
            return cancelOnTimeout;
        }

        public void setCancelOnTimeout(boolean cancelOnTimeout) {
            this.cancelOnTimeout = cancelOnTimeout;
        }

        public Duration getProgressInterval() {
            return progressInterval;
        }

        public void setProgressInterval(Duration progressInterval) {
            this.progressInterval = progressInterval;
        }
    }

    /**
     * Preparing the clients once the application is ready.
     */
    public static class WarmUp {

        /**
         * Whether to prepare every Incus client in the background once the application is ready
         * (its transport built and the request path run once in this process, sending Incus
         * nothing), so that the first call costs about what the later ones do.
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
