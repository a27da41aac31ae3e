package io.github.incus4j.client.internal.aot;

import com.fasterxml.jackson.annotation.JacksonAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

/**
 * What Jackson reaches by reflection in the model package, found independently of the code under
 * test: the package is imported with ArchUnit, and the classes its Jackson annotations name are
 * read from the annotations themselves.
 */
final class ModelReflection {

    /** Imported once: an ArchUnit import reads the whole class path. */
    private static final List<Class<?>> PUBLIC_TYPES = importPublicTypes();

    private ModelReflection() {
    }

    /** Every public type of the model package, nested ones included. */
    static List<Class<?>> publicTypes() {
        return PUBLIC_TYPES;
    }

    private static List<Class<?>> importPublicTypes() {
        return new ClassFileImporter().importPackages(ModelTypes.PACKAGE).stream()
                .filter(type -> type.getPackageName().equals(ModelTypes.PACKAGE))
                .filter(type -> type.getModifiers().contains(JavaModifier.PUBLIC) && !type.isAnonymousClass()
                        && !type.isLocalClass())
                .map(JavaClass::reflect)
                .sorted(Comparator.comparing(Class::getName))
                .toList();
    }

    /** Classes Jackson instantiates because a model annotation names them, such as a deserializer. */
    static Set<Class<?>> annotationNamedClasses() {
        Set<Class<?>> named = new LinkedHashSet<>();
        for (Class<?> type : publicTypes()) {
            List<AnnotatedElement> elements = new ArrayList<>(List.of(type));
            elements.addAll(Arrays.asList(type.getDeclaredFields()));
            elements.addAll(Arrays.asList(type.getDeclaredMethods()));
            elements.addAll(Arrays.asList(type.getDeclaredConstructors()));
            if (type.isRecord()) {
                elements.addAll(Arrays.asList(type.getRecordComponents()));
            }
            for (AnnotatedElement element : elements) {
                for (Annotation annotation : element.getAnnotations()) {
                    if (annotation.annotationType().isAnnotationPresent(JacksonAnnotation.class)) {
                        named.addAll(classValues(annotation));
                    }
                }
            }
        }
        return named;
    }

    /**
     * The reflection checks a model type must pass, each described, for the hints given.
     *
     * @param hints the hints to check
     * @return a description of every check that fails; empty when all pass
     */
    static List<String> missing(RuntimeHints hints) {
        List<String> missing = new ArrayList<>();
        for (Class<?> type : publicTypes()) {
            check(missing, hints, RuntimeHintsPredicates.reflection().onType(type), type.getName());
            if (type.isRecord()) {
                check(missing, hints, RuntimeHintsPredicates.reflection().onType(type)
                        .withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
                                MemberCategory.ACCESS_DECLARED_FIELDS), type.getName() + " constructors and fields");
                check(missing, hints, RuntimeHintsPredicates.reflection().onConstructorInvocation(canonical(type)),
                        type.getName() + " canonical constructor");
                for (RecordComponent component : type.getRecordComponents()) {
                    check(missing, hints, RuntimeHintsPredicates.reflection().onMethodInvocation(component.getAccessor()),
                            type.getName() + "." + component.getName() + "()");
                }
            }
        }
        for (Class<?> named : annotationNamedClasses()) {
            for (Constructor<?> constructor : named.getDeclaredConstructors()) {
                check(missing, hints, RuntimeHintsPredicates.reflection().onConstructorInvocation(constructor),
                        constructor.toString());
            }
        }
        return missing;
    }

    /** The canonical constructor of a record. */
    static Constructor<?> canonical(Class<?> record) {
        Class<?>[] parameters = Stream.of(record.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
            return record.getDeclaredConstructor(parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(record + " has no canonical constructor", e);
        }
    }

    private static void check(List<String> missing, RuntimeHints hints, Predicate<RuntimeHints> predicate,
            String what) {
        if (!predicate.test(hints)) {
            missing.add(what);
        }
    }

    private static List<Class<?>> classValues(Annotation annotation) {
        List<Class<?>> values = new ArrayList<>();
        for (Method attribute : annotation.annotationType().getDeclaredMethods()) {
            if (attribute.getReturnType() == Class.class) {
                try {
                    Class<?> value = (Class<?>) attribute.invoke(annotation);
                    // Jackson marks "not set" with Void or a nested None class of its own.
                    if (value != Void.class && !value.getName().startsWith("tools.jackson.")
                            && !value.getName().startsWith("com.fasterxml.jackson.")) {
                        values.add(value);
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Could not read " + attribute, e);
                }
            }
        }
        return values;
    }
}
