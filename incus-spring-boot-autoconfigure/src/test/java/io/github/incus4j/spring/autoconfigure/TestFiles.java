package io.github.incus4j.spring.autoconfigure;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Test resources as files. */
public final class TestFiles {

    private TestFiles() {
    }

    /**
     * Finds a test resource as a file.
     *
     * @param name the resource name, such as {@code tls/ec.crt}
     * @return its absolute path
     */
    public static Path resource(String name) {
        URL url = TestFiles.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("test resource " + name + " is not a file", e);
        }
    }

    /**
     * Finds a test resource as a file and returns its path as text, for properties.
     *
     * @param name the resource name
     * @return the absolute path
     */
    public static String path(String name) {
        return resource(name).toString();
    }
}
