package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.AccessEntry;
import io.github.incus4j.client.model.Project;
import io.github.incus4j.client.model.ProjectPut;
import io.github.incus4j.client.model.ProjectState;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;

/**
 * Projects: {@code /1.0/projects}. Work inside a project with {@code client.project(name)}.
 */
public final class ProjectsApi {

    private static final JavaType ACCESS = Calls.listOf(AccessEntry.class);

    private final Calls calls;
    private final NamedCollection<Project> projects;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    ProjectsApi(Calls calls) {
        this.calls = calls;
        this.projects = new NamedCollection<>(calls, "/1.0/projects", "name", Map.of(), Project.class);
    }

    /**
     * Lists the project names ({@code recursion=0}).
     *
     * @return the names
     */
    public Mono<List<String>> listNames() {
        return listNames(ListOptions.NONE);
    }

    /**
     * Lists the project names ({@code recursion=0}).
     *
     * @param options a filter ({@link ListOptions#allProjects()} has no meaning here)
     * @return the names
     */
    @Endpoint(method = "GET", path = "/1.0/projects")
    public Mono<List<String>> listNames(ListOptions options) {
        return projects.names(options);
    }

    /**
     * Lists the projects ({@code recursion=1}).
     *
     * @return the projects
     */
    public Mono<List<Project>> list() {
        return list(ListOptions.NONE);
    }

    /**
     * Lists the projects ({@code recursion=1}).
     *
     * @param options a filter
     * @return the projects
     */
    @Endpoint(method = "GET", path = "/1.0/projects?recursion=1")
    public Mono<List<Project>> list(ListOptions options) {
        return projects.list(options);
    }

    /**
     * Reads a project.
     *
     * @param name the project name
     * @return the project
     */
    public Mono<Project> get(String name) {
        return getWithEtag(name).map(ETagged::value);
    }

    /**
     * Reads a project with its ETag.
     *
     * @param name the project name
     * @return the project and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/projects/{name}")
    public Mono<ETagged<Project>> getWithEtag(String name) {
        return projects.get(name);
    }

    /**
     * Creates a project.
     *
     * @param name the project name
     * @param project its description and configuration, such as {@code features.profiles=true}
     * @return completes when created
     */
    @Endpoint(method = "POST", path = "/1.0/projects")
    public Mono<Void> create(String name, ProjectPut project) {
        Names.required("project", project);
        return projects.create(name, project);
    }

    /**
     * Replaces a project's description and configuration.
     *
     * @param name the project name
     * @param project the new content, typically from {@link Project#toPut()}
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/projects/{name}")
    public Mono<Void> update(String name, ProjectPut project, @Nullable String etag) {
        Names.required("project", project);
        return projects.update(name, project, etag);
    }

    /**
     * Changes only the given fields of a project. Incus 6.0 replaces the whole configuration when
     * {@code config} is given (measured on 6.0.4), so send every key to keep, or use
     * {@link #update} after a read.
     *
     * @param name the project name
     * @param changes the fields to change, as a {@link ProjectPut} or JSON-shaped values
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/projects/{name}")
    public Mono<Void> patch(String name, Object changes, @Nullable String etag) {
        return projects.patch(name, changes, etag);
    }

    /**
     * Renames a project; the daemon does it in the background.
     *
     * @param name the current name
     * @param newName the new name
     * @return the rename's operation
     */
    @Endpoint(method = "POST", path = "/1.0/projects/{name}")
    public Mono<OperationHandle> rename(String name, String newName) {
        return projects.renameInBackground(name, newName);
    }

    /**
     * Deletes a project. A project that still holds instances, images, volumes or profiles other
     * than {@code default} is refused (measured on Incus 6.0.4: HTTP 500, "Only empty projects can
     * be removed.").
     *
     * @param name the project name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/projects/{name}")
    public Mono<Void> delete(String name) {
        return projects.delete(name);
    }

    /**
     * Reads a project's resource usage against its limits.
     *
     * @param name the project name
     * @return the usage per resource
     */
    @Endpoint(method = "GET", path = "/1.0/projects/{name}/state")
    public Mono<ProjectState> state(String name) {
        return calls.object(projects.one(HttpMethod.GET, "/state", name).build(), ProjectState.class);
    }

    /**
     * Lists who may access a project. Without an external authoriser (OpenFGA), Incus 6.0.4 lists
     * the trusted TLS client certificates allowed in the project, each as {@code admin} (the Unix
     * socket's users are not listed), and answers {@code null} when there is none, which the
     * client returns as an empty list.
     *
     * @param name the project name
     * @return the entries
     */
    @Endpoint(method = "GET", path = "/1.0/projects/{name}/access")
    public Mono<List<AccessEntry>> access(String name) {
        return calls.list(projects.one(HttpMethod.GET, "/access", name).build(), ACCESS);
    }
}
