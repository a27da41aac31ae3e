package io.github.incus4j.test;

import static io.github.incus4j.test.EngineRuns.runCapturingStderr;
import static io.github.incus4j.test.EngineRuns.throwable;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.TestAbortedException;

/**
 * How the extension treats test classes when no daemon can be had, checked by running small sample
 * classes through the Jupiter engine with a stand-in daemon factory.
 */
class IncusDaemonExtensionTest {

    private static volatile Optional<String> unavailable = Optional.empty();
    private static volatile RuntimeException startFailure;
    private static volatile boolean required;
    private static final AtomicInteger STARTS = new AtomicInteger();

    private static final DaemonFactory FAKE = new DaemonFactory() {
        @Override
        public Optional<String> unavailableReason() {
            return unavailable;
        }

        @Override
        public IncusDaemon start() {
            STARTS.incrementAndGet();
            throw startFailure;
        }
    };

    static IncusDaemonExtension fakeExtension() {
        return new IncusDaemonExtension(FAKE, () -> required);
    }

    @AfterEach
    void reset() {
        unavailable = Optional.empty();
        startFailure = null;
        required = false;
        STARTS.set(0);
    }

    @Test
    void withoutADaemonTheClassIsSkippedWithTheReasonPrintedOnce() {
        String reason = "no incusd here " + UUID.randomUUID();
        unavailable = Optional.of(reason);

        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        EngineExecutionResults results = runCapturingStderr(stderr, SampleUsingDaemon.class, SecondSampleUsingDaemon.class);

        assertThat(results.testEvents().started().count()).isZero();
        assertThat(results.containerEvents().aborted().stream())
                .hasSize(2)
                .allSatisfy(event -> assertThat(throwable(event))
                        .isInstanceOf(TestAbortedException.class)
                        .hasMessageContaining(reason));
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .containsOnlyOnce("[incus-test] integration tests skipped: " + reason);
        assertThat(STARTS).hasValue(0);
    }

    @Test
    void inRequireModeTheClassFailsWithTheReason() {
        unavailable = Optional.of("incusd is missing");
        required = true;

        EngineExecutionResults results = run(SampleUsingDaemon.class);

        assertThat(results.testEvents().started().count()).isZero();
        assertThat(results.containerEvents().failed().stream())
                .singleElement()
                .satisfies(event -> assertThat(throwable(event))
                        .isInstanceOf(IncusDaemonException.class)
                        .hasMessageContaining("incus.test.require=true")
                        .hasMessageContaining("incusd is missing"));
    }

    @Test
    void aFailedStartIsTriedOnceAndSkipsEveryClassOfTheRun() {
        startFailure = new IncusDaemonException("incusd exited during start (exit code 1)");

        EngineExecutionResults results = run(SampleUsingDaemon.class, SecondSampleUsingDaemon.class);

        assertThat(STARTS).hasValue(1);
        assertThat(results.containerEvents().aborted().stream())
                .hasSize(2)
                .allSatisfy(event -> assertThat(throwable(event)).hasMessageContaining("exited during start"));
    }

    @Test
    void aFailedStartFailsTheClassInRequireMode() {
        startFailure = new IncusDaemonException("incusd exited during start (exit code 1)");
        required = true;

        EngineExecutionResults results = run(SampleUsingDaemon.class);

        assertThat(results.containerEvents().failed().stream())
                .singleElement()
                .satisfies(event -> assertThat(throwable(event))
                        .hasMessageContaining("exited during start")
                        .hasCause(startFailure));
    }

    @Test
    void constructorInjectionWithPerClassLifecycleIsSkippedToo() {
        unavailable = Optional.of("no incusd for the constructor");

        EngineExecutionResults results = run(SamplePerClassConstructor.class);

        assertThat(results.containerEvents().failed().count()).isZero();
        assertThat(results.containerEvents().aborted().stream())
                .singleElement()
                .satisfies(event -> assertThat(throwable(event)).hasMessageContaining("no incusd for the constructor"));
    }

    @Test
    void requireModeIsReadFromTheSystemProperty() {
        String previous = System.getProperty(IncusDaemonExtension.REQUIRE_PROPERTY);
        try {
            System.setProperty(IncusDaemonExtension.REQUIRE_PROPERTY, " TRUE ");
            assertThat(FixtureAvailability.requiredByConfiguration()).isTrue();
        } finally {
            if (previous == null) {
                System.clearProperty(IncusDaemonExtension.REQUIRE_PROPERTY);
            } else {
                System.setProperty(IncusDaemonExtension.REQUIRE_PROPERTY, previous);
            }
        }
    }

    private static EngineExecutionResults run(Class<?>... classes) {
        return runCapturingStderr(new ByteArrayOutputStream(), classes);
    }

    // Samples: run only through EngineTestKit above (surefire skips nested classes).

    static class SampleUsingDaemon {
        @RegisterExtension
        static final IncusDaemonExtension EXTENSION = fakeExtension();

        @Test
        void usesTheDaemon(IncusDaemon daemon) {
        }
    }

    static class SecondSampleUsingDaemon {
        @RegisterExtension
        static final IncusDaemonExtension EXTENSION = fakeExtension();

        @Test
        void usesTheDaemon(IncusDaemon daemon) {
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class SamplePerClassConstructor {
        @RegisterExtension
        static final IncusDaemonExtension EXTENSION = fakeExtension();

        SamplePerClassConstructor(IncusDaemon daemon) {
        }

        @Test
        void usesTheDaemon() {
        }
    }
}
