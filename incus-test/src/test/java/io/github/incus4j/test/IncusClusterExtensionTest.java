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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.TestAbortedException;

/**
 * The cluster extension applies the daemon extension's rule when no cluster can be formed: skip with
 * the reason printed once, fail in require mode, try once per run. Sample classes run through the
 * Jupiter engine with a stand-in factory.
 */
class IncusClusterExtensionTest {

    private static volatile Optional<String> unavailable = Optional.empty();
    private static volatile RuntimeException startFailure;
    private static volatile boolean required;
    private static final AtomicInteger STARTS = new AtomicInteger();

    private static final ClusterFactory FAKE = new ClusterFactory() {
        @Override
        public Optional<String> unavailableReason() {
            return unavailable;
        }

        @Override
        public IncusCluster start() {
            STARTS.incrementAndGet();
            throw startFailure;
        }
    };

    static IncusClusterExtension fakeExtension() {
        return new IncusClusterExtension(FAKE, () -> required);
    }

    @AfterEach
    void reset() {
        unavailable = Optional.empty();
        startFailure = null;
        required = false;
        STARTS.set(0);
    }

    @Test
    void withoutAClusterTheClassesAreSkippedWithTheReasonPrintedOnce() {
        String reason = "no incusd here " + UUID.randomUUID();
        unavailable = Optional.of(reason);

        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        EngineExecutionResults results = runCapturingStderr(stderr, SampleUsingCluster.class, SecondSampleUsingCluster.class);

        assertThat(results.testEvents().started().count()).isZero();
        assertThat(results.containerEvents().aborted().stream())
                .hasSize(2)
                .allSatisfy(event -> assertThat(throwable(event))
                        .isInstanceOf(TestAbortedException.class)
                        .hasMessage("No Incus cluster available: " + reason));
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .containsOnlyOnce("[incus-test] cluster tests skipped: " + reason);
        assertThat(STARTS).hasValue(0);
    }

    @Test
    void aFailedFormationIsTriedOnceAndFailsEveryClassInRequireMode() {
        startFailure = new IncusDaemonException("member2 did not join");
        required = true;

        EngineExecutionResults results = runCapturingStderr(new ByteArrayOutputStream(), SampleUsingCluster.class,
                SecondSampleUsingCluster.class);

        assertThat(STARTS).hasValue(1);
        assertThat(results.containerEvents().failed().stream())
                .hasSize(2)
                .allSatisfy(event -> assertThat(throwable(event))
                        .isInstanceOf(IncusDaemonException.class)
                        .hasMessageContaining("Incus cluster tests are required (incus.test.require=true)")
                        .hasMessageContaining("no Incus cluster is available: member2 did not join")
                        .hasCause(startFailure));
    }

    // Samples: run only through EngineTestKit above (surefire skips nested classes).

    static class SampleUsingCluster {
        @RegisterExtension
        static final IncusClusterExtension EXTENSION = fakeExtension();

        @Test
        void usesTheCluster(IncusCluster cluster) {
        }
    }

    static class SecondSampleUsingCluster {
        @RegisterExtension
        static final IncusClusterExtension EXTENSION = fakeExtension();

        @Test
        void usesTheCluster(IncusCluster cluster) {
        }
    }
}
