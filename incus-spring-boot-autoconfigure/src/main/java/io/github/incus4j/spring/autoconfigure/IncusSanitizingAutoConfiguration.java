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
 * Masks the Incus client key, passwords and bearer tokens in the actuator's {@code env} and
 * {@code configprops} endpoints, even when they are set to show values
 * ({@code management.endpoint.env.show-values=always}): Spring Boot masks nothing by key name on
 * its own any more.
 *
 * <p>Masked are the values of {@code incus.*} keys that may hold key material, a password or a
 * token ({@code client-key}, every {@code *password} and {@code oidc.token}, in each spelling:
 * properties, configprops, environment variables such as {@code INCUS_CLIENT_KEY} or
 * {@code INCUS_OIDC_TOKEN}), the client secrets of Spring Security's OAuth2 client registrations
 * ({@code spring.security.oauth2.client.registration.*.client-secret}, which
 * {@code incus.oidc.registration} leads users to set), and any value holding a PEM private key or
 * looking like a JSON Web Token, whatever its key: a Kubernetes secret in an environment variable
 * that {@code incus.client-key=${MY_KEY}} refers to is shown under {@code MY_KEY}.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class IncusSanitizingAutoConfiguration {

    private static final Pattern PEM_PRIVATE_KEY = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");

    /** A compact JWT: a base64url JSON header ({@code {"} encodes as {@code eyJ}), a payload and a signature. */
    private static final Pattern JWT = Pattern.compile("\\s*eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*\\s*");

    IncusSanitizingAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "incusSanitizingFunction")
    SanitizingFunction incusSanitizingFunction() {
        return SanitizingFunction.sanitizeValue().ifMatches(IncusSanitizingAutoConfiguration::isSecret);
    }

    private static boolean isSecret(SanitizableData data) {
        return isIncusSecret(data.getKey()) || isOAuth2ClientSecret(data.getKey()) || holdsPrivateKey(data.getValue())
                || isJwt(data.getValue());
    }

    /**
     * Recognises every form of an {@code incus.*} key whose value may be secret:
     * {@code incus.client-keystore-password} or {@code incus.client-key} in properties,
     * {@code incus.clientKeystorePassword} or {@code incus.clients.lab.clientKey} in configprops,
     * {@code INCUS_CLIENT_KEY} or {@code INCUS_CLIENTKEYSTOREPASSWORD} in the environment.
     */
    static boolean isIncusSecret(String key) {
        String normalized = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
        return normalized.startsWith("incus") && (normalized.contains("password") || normalized.endsWith("clientkey")
                || normalized.endsWith("oidctoken"));
    }

    /**
     * Recognises the client secret of a Spring Security OAuth2 client registration in every form:
     * {@code spring.security.oauth2.client.registration.incus.client-secret},
     * {@code ...registration.incus.clientSecret} in configprops,
     * {@code SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_INCUS_CLIENTSECRET} in the environment.
     */
    static boolean isOAuth2ClientSecret(String key) {
        String normalized = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
        return normalized.startsWith("springsecurityoauth2clientregistration") && normalized.endsWith("clientsecret");
    }

    /** Whether a value is a JSON Web Token, such as an access token pasted into some variable. */
    static boolean isJwt(@Nullable Object value) {
        return value instanceof CharSequence text && JWT.matcher(text).matches();
    }

    /** Whether a value holds a PEM private key block, encrypted or not. */
    static boolean holdsPrivateKey(@Nullable Object value) {
        return value instanceof CharSequence text && PEM_PRIVATE_KEY.matcher(text).find();
    }
}
