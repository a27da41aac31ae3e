package io.github.incus4j.client.internal.aot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Finds the public types of the model package ({@code io.github.incus4j.client.model}), nested
 * ones included, by listing its class files.
 *
 * <p>Listing the package rather than naming the types means a record added to the model is
 * covered without anyone remembering to add it here; {@code IncusClientRuntimeHintsTest} checks
 * the listing against an independent ArchUnit import of the package.
 */
final class ModelTypes {

    /** The package whose types Jackson reads and writes. */
    static final String PACKAGE = "io.github.incus4j.client.model";

    private ModelTypes() {
    }

    /**
     * Lists the public types of the model package.
     *
     * @param classLoader the class loader to find and load them with
     * @return the types, sorted by name
     * @throws IllegalStateException when a listed class cannot be loaded
     */
    static List<Class<?>> find(ClassLoader classLoader) {
        List<Class<?>> types = new ArrayList<>();
        for (String name : classNames(classLoader)) {
            Class<?> type = load(name, classLoader);
            if (Modifier.isPublic(type.getModifiers()) && !type.isSynthetic() && !type.isAnonymousClass()
                    && !type.isLocalClass()) {
                types.add(type);
            }
        }
        return types;
    }

    private static Set<String> classNames(ClassLoader classLoader) {
        String pattern = "classpath*:" + PACKAGE.replace('.', '/') + "/*.class";
        Set<String> names = new TreeSet<>();
        try {
            for (Resource file : new PathMatchingResourcePatternResolver(classLoader).getResources(pattern)) {
                String fileName = file.getFilename();
                if (fileName != null && !fileName.equals("package-info.class") && !fileName.equals("module-info.class")) {
                    names.add(PACKAGE + "." + fileName.substring(0, fileName.length() - ".class".length()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the classes of " + PACKAGE, e);
        }
        return names;
    }

    private static Class<?> load(String name, ClassLoader classLoader) {
        try {
            // Not initialised: listing a type must not run its static initialiser.
            return Class.forName(name, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("Could not load " + name + " of " + PACKAGE + ": " + e, e);
        }
    }
}
