package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.IncusRequest;
import org.jspecify.annotations.Nullable;

/**
 * Options for listing a collection: a server-side filter and whether to list every project.
 *
 * <pre>{@code
 * client.instances().list(ListOptions.filter(Filter.eq("status", "Running")).inAllProjects());
 * }</pre>
 *
 * @param filter the filter, or {@code null} for everything
 * @param allProjects whether to list every project; the client's project is then not sent
 *     ({@code project} and {@code all-projects} together are refused by the daemon)
 */
public record ListOptions(@Nullable Filter filter, boolean allProjects) {

    /** No filter, the client's project. */
    public static final ListOptions NONE = new ListOptions(null, false);

    /**
     * Options with a filter.
     *
     * @param filter the filter
     * @return the options
     */
    public static ListOptions filter(Filter filter) {
        if (filter == null) {
            throw new IllegalArgumentException("filter must not be null; use ListOptions.NONE for no filter");
        }
        return new ListOptions(filter, false);
    }

    /**
     * Options that list every project.
     *
     * @return the options
     */
    public static ListOptions allProjectsOptions() {
        return new ListOptions(null, true);
    }

    /**
     * Returns a copy that lists every project.
     *
     * @return the changed copy
     */
    public ListOptions inAllProjects() {
        return new ListOptions(filter, true);
    }

    /** Adds the options to a request. */
    IncusRequest.Builder applyTo(IncusRequest.Builder request) {
        if (filter != null) {
            request.query("filter", filter.expression());
        }
        if (allProjects) {
            request.query("all-projects", "true");
        }
        return request;
    }
}
