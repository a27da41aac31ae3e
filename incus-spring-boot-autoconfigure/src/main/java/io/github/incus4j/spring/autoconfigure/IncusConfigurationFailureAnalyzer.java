package io.github.incus4j.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link IncusConfigurationException} at startup: which property is wrong, why, and
 * how to fix it.
 */
final class IncusConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<IncusConfigurationException> {

    IncusConfigurationFailureAnalyzer() {
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IncusConfigurationException cause) {
        return new FailureAnalysis("The Incus client could not be configured from " + cause.property() + ".\n\n"
                + "Reason: " + cause.getMessage(), cause.action(), cause);
    }
}
