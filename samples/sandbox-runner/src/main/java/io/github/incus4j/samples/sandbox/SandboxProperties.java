package io.github.incus4j.samples.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the sandbox runner ({@code sandbox.*}).
 *
 * @param defaultImage the image used when a run names none
 * @param maxTimeoutSeconds the upper bound of a run's {@code timeoutSeconds}
 * @param defaultTimeoutSeconds the timeout of a run that names none
 * @param localDaemonFallback whether to start a throw-away daemon when none runs (see {@link LocalIncusFallback})
 */
@ConfigurationProperties("sandbox")
public record SandboxProperties(String defaultImage, Integer maxTimeoutSeconds, Integer defaultTimeoutSeconds,
        Boolean localDaemonFallback) {

    /** Fills in defaults. */
    public SandboxProperties {
        defaultImage = defaultImage == null || defaultImage.isBlank() ? "busybox" : defaultImage;
        maxTimeoutSeconds = maxTimeoutSeconds == null ? 300 : maxTimeoutSeconds;
        defaultTimeoutSeconds = defaultTimeoutSeconds == null ? 30 : defaultTimeoutSeconds;
        localDaemonFallback = localDaemonFallback == null || localDaemonFallback;
    }
}
