package io.github.incus4j.spring.autoconfigure;

import java.util.Locale;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Masks the Incus keystore password in the actuator's {@code env} and {@code configprops}
 * endpoints, even when they are set to show values
 * ({@code management.endpoint.env.show-values=always}): Spring Boot masks nothing by key name on
 * its own any more.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class IncusSanitizingAutoConfiguration {

    IncusSanitizingAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "incusSanitizingFunction")
    SanitizingFunction incusSanitizingFunction() {
        return SanitizingFunction.sanitizeValue().ifKeyMatches(IncusSanitizingAutoConfiguration::isIncusSecret);
    }

    /**
     * Recognises every form of an {@code incus.*} password key: {@code incus.client-keystore-password}
     * in properties, {@code incus.clientKeystorePassword} in configprops,
     * {@code INCUS_CLIENTKEYSTOREPASSWORD} or {@code INCUS_CLIENT_KEYSTORE_PASSWORD} in the environment.
     */
    static boolean isIncusSecret(String key) {
        String normalized = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
        return normalized.startsWith("incus") && normalized.contains("password");
    }
}
