package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.Names;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;

/**
 * The requests of one object's backups ({@code .../backups}: names, objects, one backup, and the
 * background make, rename and delete, and the streamed {@code /export}), which custom volumes and
 * buckets share, each call after the check of the API extension backups came with; the public API
 * classes add their documentation and types.
 *
 * @param <T> the backup type
 */
final class BackupCollection<T> {

    private final Calls calls;
    private final NamedCollection<T> backups;

    /**
     * @param calls the request patterns
     * @param collection the collection template, ending in {@code /backups}
     * @param parents values of the collection template's variables, already checked
     * @param type the backup type
     */
    BackupCollection(Calls calls, String collection, Map<String, String> parents, Class<T> type) {
        this.calls = calls;
        this.backups = new NamedCollection<>(calls, collection, "backupName", parents, type);
    }

    /**
     * @param calls the request patterns
     * @param collection the collection template, ending in {@code /backups}
     * @param parents values of the collection template's variables, already checked
     * @param type the backup type
     * @param extension the API extension every call checks first
     */
    BackupCollection(Calls calls, String collection, Map<String, String> parents, Class<T> type, String extension) {
        this.calls = calls;
        this.backups = new NamedCollection<>(calls, collection, "backupName", parents, type).requiring(extension);
    }

    Mono<List<String>> names() {
        return backups.names(ListOptions.NONE);
    }

    Mono<List<T>> list() {
        return backups.list(ListOptions.NONE);
    }

    Mono<T> get(String backup) {
        return backups.get(Names.segment("backup", backup)).map(ETagged::value);
    }

    /** Makes a backup; an empty {@code name} lets the daemon pick one. */
    Mono<OperationHandle> create(String name, Object body) {
        Names.required("backup", body);
        if (!name.isEmpty()) {
            Names.segment("backup.name", name);
        }
        return backups.guarded(calls.async(backups.collection(HttpMethod.POST).json(body).build()));
    }

    /**
     * Makes a backup that the daemon streams back at once instead of storing it ({@code Accept:
     * application/octet-stream}, API extension {@code direct_backup}), written to a file.
     */
    Mono<Long> createDirect(String name, Object body, Path target) {
        Names.required("backup", body);
        Names.required("target", target);
        if (!name.isEmpty()) {
            Names.segment("backup.name", name);
        }
        return backups.guarded(Downloads.toFile(calls.http(), backups.collection(HttpMethod.POST).json(body)
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_OCTET_STREAM_VALUE).build(), target));
    }

    Mono<OperationHandle> rename(String backup, String newName) {
        Names.segment("backup", backup);
        Names.segment("newName", newName);
        return backups.guarded(calls.async(backups.one(HttpMethod.POST, "", backup).json(Map.of("name", newName))
                .build()));
    }

    Mono<OperationHandle> delete(String backup) {
        return backups.guarded(calls.async(backups.one(HttpMethod.DELETE, "", Names.segment("backup", backup))
                .build()));
    }

    Mono<Long> export(String backup, Path target) {
        Names.segment("backup", backup);
        Names.required("target", target);
        return backups.guarded(Downloads.toFile(calls.http(), backups.one(HttpMethod.GET, "/export", backup).build(),
                target));
    }
}
