package io.github.incus4j.spring.autoconfigure;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The WebClient set-up the Incus clients start from: a new {@link WebClient.Builder} with the
 * application's {@link WebClientCustomizer} beans applied in order, as Spring Boot makes its own
 * {@code WebClient.Builder} bean (codecs, the application's filters and headers).
 *
 * <p>Never a {@code WebClient.Builder} bean of the application: such a bean replaces Boot's and is
 * usually made for another service, with its base URL, credentials in default headers and filters
 * (which would then go to the daemon), and often without Boot's observation set-up; and with two
 * of them there is none to choose. The client's observations do not depend on the builder: the
 * starter gives the client the application's {@code ObservationRegistry} itself.
 */
final class ApplicationWebClientBuilder {

    private static final String CUSTOMIZER = "org.springframework.boot.webclient.WebClientCustomizer";

    private ApplicationWebClientBuilder() {
    }

    /**
     * Looks up, when the client makes its first request, a builder with the customizers applied.
     *
     * @param beanFactory the application's beans
     * @return the lookup; it gives {@code null} (the client's plain builder) without Spring Boot's
     *     WebClient support
     */
    static Supplier<WebClient.@Nullable Builder> of(BeanFactory beanFactory) {
        if (!ClassUtils.isPresent(CUSTOMIZER, ApplicationWebClientBuilder.class.getClassLoader())) {
            return () -> null;
        }
        return Customized.of(beanFactory);
    }

    /** Apart, so that nothing loads {@link WebClientCustomizer} when spring-boot-webclient is absent. */
    private static final class Customized {

        static Supplier<WebClient.@Nullable Builder> of(BeanFactory beanFactory) {
            return () -> {
                WebClient.Builder builder = WebClient.builder();
                beanFactory.getBeanProvider(WebClientCustomizer.class).orderedStream()
                        .forEach(customizer -> customizer.customize(builder));
                return builder;
            };
        }
    }
}
