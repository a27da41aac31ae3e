package io.github.incus4j.spring.autoconfigure;

import io.github.incus4j.client.IncusClient;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link IncusClient} bean per {@code incus.clients.NAME}, named {@code NAMEIncusClient}
 * and qualified {@code NAME}, taken from the {@link IncusClients} registry.
 */
final class IncusClientsRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

    static final String REGISTRY_BEAN = "incusClients";

    private Environment environment;

    IncusClientsRegistrar() {
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        for (String name : names(environment)) {
            String beanName = beanName(name);
            if (registry.containsBeanDefinition(beanName)) {
                continue;
            }
            RootBeanDefinition definition = new RootBeanDefinition();
            definition.setTargetType(IncusClient.class);
            definition.setFactoryBeanName(REGISTRY_BEAN);
            definition.setFactoryMethodName("get");
            definition.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
            definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
            // The registry closes the clients.
            definition.setDestroyMethodName("");
            registry.registerBeanDefinition(beanName, definition);
        }
    }

    /** The bean name of a named client. */
    static String beanName(String name) {
        return name + "IncusClient";
    }

    /** The names declared under {@code incus.clients}. */
    static Set<String> names(Environment environment) {
        return Binder.get(environment)
                .bind("incus.clients", Bindable.mapOf(String.class, IncusConnectionProperties.class))
                .map(Map::keySet)
                .orElse(Set.of());
    }
}
