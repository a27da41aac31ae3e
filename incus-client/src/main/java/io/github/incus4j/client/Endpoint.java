package io.github.incus4j.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the REST endpoint an API method calls, written as in the Incus REST API specification
 * (including the {@code ?recursion=1} and {@code ?public} variants the specification lists as
 * separate paths).
 *
 * <p>It documents the method and lets a test check {@code docs/COVERAGE.md} against the code: every
 * row marked covered names a method carrying the row's endpoint, and every endpoint named here has
 * a covered row.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Endpoint.List.class)
public @interface Endpoint {

    /**
     * The HTTP method.
     *
     * @return for example {@code GET}
     */
    String method();

    /**
     * The path as the specification writes it.
     *
     * @return for example {@code /1.0/profiles/{name}}
     */
    String path();

    /** The container of repeated {@link Endpoint} annotations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {

        /**
         * The endpoints.
         *
         * @return the annotations
         */
        Endpoint[] value();
    }
}
