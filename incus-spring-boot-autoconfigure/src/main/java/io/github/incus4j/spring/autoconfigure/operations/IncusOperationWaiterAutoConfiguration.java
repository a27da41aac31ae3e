package io.github.incus4j.spring.autoconfigure.operations;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.spring.autoconfigure.IncusAutoConfiguration;
import io.github.incus4j.spring.autoconfigure.IncusConfigurationException;
import io.github.incus4j.spring.autoconfigure.IncusProperties;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@link IncusOperationWaiter} for the application's {@link IncusClient}, with the
 * {@code incus.operations.*} defaults.
 */
@AutoConfiguration(after = IncusAutoConfiguration.class)
@ConditionalOnClass(IncusClient.class)
@ConditionalOnSingleCandidate(IncusClient.class)
@EnableConfigurationProperties(IncusProperties.class)
public final class IncusOperationWaiterAutoConfiguration {

    IncusOperationWaiterAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    IncusOperationWaiter incusOperationWaiter(IncusClient client, IncusProperties properties) {
        IncusProperties.Operations operations = properties.getOperations();
        return new IncusOperationWaiter(client, positive("incus.operations.timeout", operations.getTimeout(), "5m"),
                operations.isCancelOnTimeout(),
                positive("incus.operations.progress-interval", operations.getProgressInterval(), "1s"));
    }

    private static Duration positive(String property, Duration value, String example) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IncusConfigurationException(property, "Invalid " + property + ": it must be a positive "
                    + "duration, got " + value + ".", "Set " + property + " to a positive duration, such as "
                    + example + ".", null);
        }
        return value;
    }
}
