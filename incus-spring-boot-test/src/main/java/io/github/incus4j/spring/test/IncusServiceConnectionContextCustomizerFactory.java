package io.github.incus4j.spring.test;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Adds {@link IncusServiceConnectionContextCustomizer} to the contexts of test classes annotated
 * with {@link IncusServiceConnection} or {@link IncusClusterServiceConnection}; registered in
 * {@code META-INF/spring.factories}, as Spring Boot registers its own test support.
 */
final class IncusServiceConnectionContextCustomizerFactory implements ContextCustomizerFactory {

    IncusServiceConnectionContextCustomizerFactory() {
    }

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        FixtureRequest request = FixtureRequest.of(testClass);
        return request != null ? new IncusServiceConnectionContextCustomizer(request) : null;
    }
}
