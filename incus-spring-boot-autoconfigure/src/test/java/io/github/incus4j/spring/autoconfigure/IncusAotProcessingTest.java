package io.github.incus4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.Instance;
import io.github.incus4j.spring.autoconfigure.health.IncusHealthContributorAutoConfiguration;
import io.github.incus4j.spring.autoconfigure.operations.IncusOperationWaiter;
import io.github.incus4j.spring.autoconfigure.operations.IncusOperationWaiterAutoConfiguration;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

/**
 * The auto-configuration processed ahead of time the way Spring Boot's {@code process-aot} goal
 * processes an application, then started from the generated code alone: the clients (named ones
 * included, which an {@code ImportBeanDefinitionRegistrar} declares), the waiter and the health
 * contributor are there; the properties classes get the binding hints a native image needs (from
 * Spring Boot itself, so the starter registers none), as do the failure analyzer and the client's
 * model; and conditions are decided when the application is processed, as docs/ARCHITECTURE.md
 * says.
 *
 * <p>The generated code calls the package-private bean methods of the auto-configuration, so it
 * is loaded by a class loader of its own that also loads this package
 * ({@code @CompileWithForkedClassLoader}).
 */
@CompileWithForkedClassLoader
class IncusAotProcessingTest {

    private static final String LAB = "incus.clients.lab.socket-path=/nonexistent/lab.socket";

    private static final String UNNAMED = "incus.socket-path=/nonexistent/unix.socket";

    @Test
    void theGeneratedContextHasTheClientsTheWaiterAndTheHealthContributor() {
        processAndStart(List.of(UNNAMED, LAB), List.of(UNNAMED, LAB), context -> {
            assertThat(context.getBeansOfType(IncusClient.class)).containsOnlyKeys("incusClient", "labIncusClient");
            assertThat(BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(), IncusClient.class, "lab"))
                    .isSameAs(context.getBean(IncusClients.class).get("lab"));
            assertThat(context.getBeanProvider(IncusOperationWaiter.class).getIfAvailable()).isNotNull();
            assertThat(context.getBean("incusHealthContributor")).isInstanceOf(ReactiveHealthContributor.class);
        });
    }

    @Test
    void conditionsAreDecidedWhenTheApplicationIsProcessed() {
        // Processed without named clients and started with one: the beans are those of the build.
        processAndStart(List.of(), List.of(LAB), context -> assertThat(context.getBeansOfType(IncusClient.class))
                .containsOnlyKeys("incusClient"));
    }

    @Test
    void thePropertiesClassesTheFailureAnalyzerAndTheModelGetHints() {
        TestGenerationContext generation = new TestGenerationContext();
        new ApplicationContextAotGenerator().processAheadOfTime(applicationContext(List.of(LAB)), generation);
        RuntimeHints hints = generation.getRuntimeHints();

        // spring.factories entries (Spring's own registrar) and the client's model (its aot.factories).
        assertThat(RuntimeHintsPredicates.reflection().onType(IncusConfigurationFailureAnalyzer.class)
                .withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Instance.class)
                .withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(hints);

        List<Class<?>> types = propertiesClasses(IncusProperties.class);
        assertThat(types).contains(IncusConnectionProperties.class, IncusProperties.Operations.class,
                IncusConnectionProperties.Health.class);
        for (Class<?> type : types) {
            assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(hints);
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && method.getName().matches("(get|set|is)[A-Z].*")) {
                    assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(method)).as(method.toString())
                            .accepts(hints);
                }
            }
        }
    }

    /** The properties class, its superclass and every class nested in either, recursively. */
    private static List<Class<?>> propertiesClasses(Class<?> type) {
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> current = type; current != Object.class; current = current.getSuperclass()) {
            collectNested(current, found);
        }
        return found;
    }

    private static void collectNested(Class<?> type, List<Class<?>> found) {
        if (!found.contains(type)) {
            found.add(type);
            for (Class<?> nested : type.getDeclaredClasses()) {
                collectNested(nested, found);
            }
        }
    }

    private static void processAndStart(List<String> buildProperties, List<String> runProperties,
            Consumer<GenericApplicationContext> assertions) {
        TestGenerationContext generation = new TestGenerationContext();
        ClassName initializer = new ApplicationContextAotGenerator()
                .processAheadOfTime(applicationContext(buildProperties), generation);
        generation.writeGeneratedContent();
        TestCompiler.forSystem().with(generation).compile(compiled -> {
            @SuppressWarnings("unchecked")
            ApplicationContextInitializer<GenericApplicationContext> generated =
                    compiled.getInstance(ApplicationContextInitializer.class, initializer.toString());
            try (GenericApplicationContext context = new GenericApplicationContext()) {
                TestPropertyValues.of(runProperties).applyTo(context);
                generated.initialize(context);
                context.refresh();
                assertions.accept(context);
            }
        });
    }

    private static GenericApplicationContext applicationContext(List<String> properties) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        TestPropertyValues.of(properties).applyTo(context);
        context.register(Application.class);
        return context;
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({IncusAutoConfiguration.class, IncusOperationWaiterAutoConfiguration.class,
            IncusHealthContributorAutoConfiguration.class})
    static class Application {
    }
}
