package io.github.incus4j.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.incus4j.spring.test.IncusServiceConnection.Transport;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/** Which classes get the customizer, how it takes part in Spring's context cache, what it says when misused. */
class IncusServiceConnectionContextCustomizerTest {

    private final IncusServiceConnectionContextCustomizerFactory factory = new IncusServiceConnectionContextCustomizerFactory();

    @Test
    void aClassWithoutTheAnnotationsIsLeftAlone() {
        assertThat(factory.createContextCustomizer(Plain.class, List.of())).isNull();
    }

    @Test
    void classesAskingForTheSameFixtureShareAContextAndOthersDoNot() {
        ContextCustomizer https = factory.createContextCustomizer(Https.class, List.of());
        ContextCustomizer otherHttps = factory.createContextCustomizer(OtherHttps.class, List.of());
        ContextCustomizer socket = factory.createContextCustomizer(Socket.class, List.of());
        ContextCustomizer cluster = factory.createContextCustomizer(Cluster.class, List.of());

        assertThat(https).isEqualTo(otherHttps).hasSameHashCodeAs(otherHttps);
        assertThat(https).isNotEqualTo(socket).isNotEqualTo(cluster);
        assertThat(socket).isNotEqualTo(cluster);
    }

    @Test
    void theAnnotationIsFoundOnSuperclassesAndEnclosingClasses() {
        assertThat(FixtureRequest.of(Inheriting.class)).isEqualTo(new FixtureRequest(false, Transport.UNIX_SOCKET));
        assertThat(FixtureRequest.of(Https.Inner.class)).isEqualTo(new FixtureRequest(false, Transport.HTTPS));
    }

    @Test
    void bothAnnotationsOnOneClassAreRefusedWithTheReason() {
        assertThatIllegalStateException().isThrownBy(() -> factory.createContextCustomizer(Both.class, List.of()))
                .withMessageContaining("has both @IncusServiceConnection and @IncusClusterServiceConnection");
    }

    @Test
    void withoutTheJUnitExtensionTheContextFailsSayingWhy() {
        ContextCustomizer customizer = factory.createContextCustomizer(Https.class, List.of());
        MergedContextConfiguration config = new MergedContextConfiguration(Https.class, null, null, null, null);

        try (GenericApplicationContext context = new GenericApplicationContext()) {
            assertThatIllegalStateException().isThrownBy(() -> customizer.customizeContext(context, config))
                    .withMessageContaining("No Incus daemon for @IncusServiceConnection on " + Https.class.getName())
                    .withMessageContaining("Run the class with JUnit Jupiter");
        }
    }

    static class Plain {
    }

    @IncusServiceConnection
    static class Https {
        @Nested
        class Inner {
        }
    }

    @IncusServiceConnection(transport = Transport.HTTPS)
    static class OtherHttps {
    }

    @IncusServiceConnection(transport = Transport.UNIX_SOCKET)
    static class Socket {
    }

    static class Inheriting extends Socket {
    }

    @IncusClusterServiceConnection
    static class Cluster {
    }

    @IncusServiceConnection
    @IncusClusterServiceConnection
    static class Both {
    }
}
