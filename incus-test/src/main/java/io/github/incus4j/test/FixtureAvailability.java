package io.github.incus4j.test;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;

/**
 * The rule both extensions apply when a fixture cannot be had: skip the test class (JUnit
 * "aborted") with the reason, printed once per reason, or fail it when tests against Incus are
 * required ({@link IncusDaemonExtension#REQUIRE_PROPERTY}).
 */
final class FixtureAvailability {

    /** Skip reasons already printed in this JVM: one line per distinct reason, not per class. */
    private static final Set<String> REPORTED_SKIPS = ConcurrentHashMap.newKeySet();

    private FixtureAvailability() {
    }

    /**
     * The fixture of {@code started}, or an abort (a skip) or, when {@code required}, an
     * {@link IncusDaemonException} with the reason.
     *
     * @param what  what is missing, such as {@code "Incus daemon"}
     * @param tests what is skipped, such as {@code "integration tests"}
     */
    static <T extends AutoCloseable> T orSkip(Started<T> started, BooleanSupplier required, String what, String tests) {
        Optional<T> fixture = started.fixture();
        if (fixture.isPresent()) {
            return fixture.get();
        }
        if (required.getAsBoolean()) {
            throw new IncusDaemonException("Incus " + tests + " are required (" + IncusDaemonExtension.REQUIRE_PROPERTY
                    + "=true) but no " + what + " is available: " + started.failure(), started.cause());
        }
        if (REPORTED_SKIPS.add(tests + ": " + started.failure())) {
            System.err.println("[incus-test] " + tests + " skipped: " + started.failure());
        }
        return Assumptions.abort("No " + what + " available: " + started.failure());
    }

    static boolean requiredByConfiguration() {
        return isTrue(System.getProperty(IncusDaemonExtension.REQUIRE_PROPERTY))
                || isTrue(System.getenv(IncusDaemonExtension.REQUIRE_ENVIRONMENT_VARIABLE));
    }

    private static boolean isTrue(String value) {
        return value != null && value.trim().toLowerCase(Locale.ROOT).equals("true");
    }
}
