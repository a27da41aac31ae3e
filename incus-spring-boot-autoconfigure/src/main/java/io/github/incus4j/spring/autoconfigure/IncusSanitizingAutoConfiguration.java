package io.github.incus4j.spring.autoconfigure;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Masks the Incus client key and passwords in the actuator's {@code env} and {@code configprops}
 * endpoints, even when they are set to show values
 * ({@code management.endpoint.env.show-values=always}): Spring Boot masks nothing by key name on
 * its own any more.
 *
 * <p>Masked are the values of {@code incus.*} keys that may hold key material or a password
 * ({@code client-key} and every {@code *password}, in each spelling: properties, configprops,
 * environment variables such as {@code INCUS_CLIENT_KEY}), and any value holding a PEM private
 * key, whatever its key: a Kubernetes secret in an environment variable that
 * {@code incus.client-key=${MY_KEY}} refers to is shown under {@code MY_KEY}.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class IncusSanitizingAutoConfiguration {

    private static final Pattern PEM_PRIVATE_KEY = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");

    IncusSanitizingAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "incusSanitizingFunction")
    SanitizingFunction incusSanitizingFunction() {
        return SanitizingFunction.sanitizeValue().ifMatches(IncusSanitizingAutoConfiguration::isSecret);
    }

    private static boolean isSecret(SanitizableData data) {
        return isIncusSecret(data.getKey()) || holdsPrivateKey(data.getValue());
    }

    /**
     * Recognises every form of an {@code incus.*} key whose value may be secret:
     * {@code incus.client-keystore-password} or {@code incus.client-key} in properties,
     * {@code incus.clientKeystorePassword} or {@code incus.clients.lab.clientKey} in configprops,
     * {@code INCUS_CLIENT_KEY} or {@code INCUS_CLIENTKEYSTOREPASSWORD} in the environment.
     */
    static boolean isIncusSecret(String key) {
        String normalized = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
        return normalized.startsWith("incus") && (normalized.contains("password") || normalized.endsWith("clientkey"));
    }

    /** Whether a value holds a PEM private key block, encrypted or not. */
    static boolean holdsPrivateKey(@Nullable Object value) {
        return value instanceof CharSequence text && PEM_PRIVATE_KEY.matcher(text).find();
    }
}
