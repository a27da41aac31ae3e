package io.github.incus4j.spring.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;

/**
 * Registers the client certificate a client's properties give (PEM, keystore, or the incus command
 * line's client.crt) as an SSL bundle named after the properties' prefix ({@code incus},
 * {@code incus.clients.lab}), so that Spring Boot reports its validity where it reports its own
 * bundles': the {@code ssl} health indicator (OUT_OF_SERVICE once a certificate has expired, and
 * {@code expiringChains}), the {@code ssl} info contributor and the {@code ssl.chain.expiry}
 * metrics, which all read every bundle of the {@link SslBundleRegistry}.
 *
 * <p>A certificate from an application bundle ({@code incus.ssl.bundle}) is reported already. A
 * name the application uses for a bundle of its own is left alone.
 */
final class SslBundleRegistration {

    private static final Log logger = LogFactory.getLog(SslBundleRegistration.class);

    private SslBundleRegistration() {
    }

    /**
     * Registers the certificates of a client's properties, if they hold a client certificate.
     *
     * @param registry the application's registry, or {@code null} without SslAutoConfiguration
     * @param details the client's details, already resolved
     */
    static void register(@Nullable SslBundleRegistry registry, PropertiesIncusConnectionDetails details) {
        SslBundle bundle = details.certificatesToReport();
        if (registry == null || bundle == null) {
            return;
        }
        String name = details.prefix();
        if (registry instanceof SslBundles bundles && bundles.getBundleNames().contains(name)) {
            logger.info("The application has an SSL bundle named '" + name + "' already, so the client certificate of "
                    + name + ".* is not reported by Spring Boot's ssl health and info");
            return;
        }
        registry.registerBundle(name, bundle);
    }
}
