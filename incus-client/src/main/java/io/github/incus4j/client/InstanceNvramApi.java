package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.IncusJson;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.IncusResponse;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.internal.protocol.ResourceUrls;
import io.github.incus4j.client.model.InstanceNvramVariable;
import io.github.incus4j.client.model.InstanceNvramVariablePut;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;

/**
 * The UEFI variables (NVRAM) of one virtual machine: {@code /1.0/instances/{name}/nvram}, reached
 * with {@link InstancesApi#nvram(String)} (API extension {@code instance_nvram}, not in Incus 6.0;
 * every call checks it first and fails with an
 * {@link io.github.incus4j.client.exception.IncusUnsupportedException} naming it).
 *
 * <p>UEFI names a variable by a vendor GUID and a name together, such as
 * {@code 8be4df61-93ca-11d2-aa0d-00e098032b8c} / {@code BootOrder}, so the methods on one variable
 * take both; the listings come whole ({@link #listNames()}, {@link #list()}) or for one GUID. A
 * container has no NVRAM: the specification has the daemon refuse it with 400 (not measured:
 * Incus 6.0.4 has no NVRAM endpoints).
 */
public final class InstanceNvramApi {

    private static final String NVRAM = "/1.0/instances/{name}/nvram";
    private static final String GUID = NVRAM + "/{guid}";
    private static final String VARIABLE = GUID + "/{var}";
    private static final String EXTENSION = "instance_nvram";
    /** The changes of several variables in one request came with their own extension. */
    private static final String BULK_EXTENSION = "instance_nvram_bulk_update";

    private static final JavaType NAMES_BY_GUID = IncusJson.mapper().getTypeFactory().constructMapType(Map.class,
            IncusJson.mapper().constructType(String.class), Calls.listOf(String.class));
    private static final JavaType VARIABLES = IncusJson.mapper().getTypeFactory().constructMapType(Map.class,
            String.class, InstanceNvramVariable.class);
    private static final JavaType VARIABLES_BY_GUID = IncusJson.mapper().getTypeFactory().constructMapType(Map.class,
            IncusJson.mapper().constructType(String.class), VARIABLES);

    private final Calls calls;
    private final String instance;

    /**
     * Creates the API of one virtual machine's NVRAM.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param instance the instance name, already checked
     */
    InstanceNvramApi(Calls calls, String instance) {
        this.calls = calls;
        this.instance = instance;
    }

    /**
     * Lists the vendor GUIDs that have variables ({@code recursion=0}).
     *
     * @return the GUIDs
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/nvram")
    public Mono<List<String>> listGuids() {
        return calls.requiring(EXTENSION, calls.names(nvram(HttpMethod.GET).build()));
    }

    /**
     * Lists the variable names of every GUID ({@code recursion=1}).
     *
     * @return the variable names by GUID
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/nvram?recursion=1")
    public Mono<Map<String, List<String>>> listNames() {
        IncusRequest request = nvram(HttpMethod.GET).query("recursion", "1").build();
        return calls.requiring(EXTENSION, calls.http().send(request).map(response -> {
            Map<String, List<String>> urls = (response.metadataKind() == IncusResponse.MetadataKind.NULL) ? Map.of()
                    : response.<Map<String, List<String>>>metadataAs(NAMES_BY_GUID);
            Map<String, List<String>> names = new LinkedHashMap<>();
            urls.forEach((guid, list) -> names.put(guid, list.stream().map(ResourceUrls::lastSegment).toList()));
            return names;
        }));
    }

    /**
     * Reads every variable ({@code recursion=2}).
     *
     * @return the variables by GUID, then by name
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/nvram?recursion=2")
    public Mono<Map<String, Map<String, InstanceNvramVariable>>> list() {
        IncusRequest request = nvram(HttpMethod.GET).query("recursion", "2").build();
        return calls.requiring(EXTENSION, calls.http().send(request).map(response ->
                (response.metadataKind() == IncusResponse.MetadataKind.NULL)
                        ? Map.<String, Map<String, InstanceNvramVariable>>of() : response.metadataAs(VARIABLES_BY_GUID)));
    }

    /**
     * Lists the variable names under one GUID.
     *
     * @param guid the vendor GUID
     * @return the names
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/nvram/{guid}")
    public Mono<List<String>> listNames(String guid) {
        return calls.requiring(EXTENSION, calls.names(guid(guid).build()));
    }

    /**
     * Reads the variables under one GUID ({@code recursion=1}).
     *
     * @param guid the vendor GUID
     * @return the variables by name
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/nvram/{guid}?recursion=1")
    public Mono<Map<String, InstanceNvramVariable>> list(String guid) {
        IncusRequest request = guid(guid).query("recursion", "1").build();
        return calls.requiring(EXTENSION, calls.http().send(request).map(response ->
                (response.metadataKind() == IncusResponse.MetadataKind.NULL)
                        ? Map.<String, InstanceNvramVariable>of() : response.metadataAs(VARIABLES)));
    }

    /**
     * Reads one variable.
     *
     * @param guid the vendor GUID
     * @param variable the variable name, such as {@code BootOrder}
     * @return the variable
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/nvram/{guid}/{var}")
    public Mono<InstanceNvramVariable> get(String guid, String variable) {
        return calls.requiring(EXTENSION, calls.object(variable(HttpMethod.GET, guid, variable).build(),
                InstanceNvramVariable.class));
    }

    /**
     * Creates or replaces one variable.
     *
     * @param guid the vendor GUID
     * @param variable the variable name
     * @param value its attributes and data
     * @return completes when written
     */
    @Endpoint(method = "PUT", path = "/1.0/instances/{name}/nvram/{guid}/{var}")
    public Mono<Void> update(String guid, String variable, InstanceNvramVariablePut value) {
        Names.required("value", value);
        return calls.requiring(EXTENSION, calls.run(variable(HttpMethod.PUT, guid, variable).json(value).build()));
    }

    /**
     * Deletes one variable.
     *
     * @param guid the vendor GUID
     * @param variable the variable name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/instances/{name}/nvram/{guid}/{var}")
    public Mono<Void> delete(String guid, String variable) {
        return calls.requiring(EXTENSION, calls.run(variable(HttpMethod.DELETE, guid, variable).build()));
    }

    /**
     * Changes several variables in one request: by GUID, then by name, a value to write or
     * {@code null} to delete the variable (API extension {@code instance_nvram_bulk_update}).
     *
     * @param changes the variables to write or delete
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/instances/{name}/nvram")
    public Mono<Void> patch(Map<String, Map<String, @Nullable InstanceNvramVariablePut>> changes) {
        Names.required("changes", changes);
        return calls.requiring(EXTENSION, calls.requiring(BULK_EXTENSION,
                calls.run(nvram(HttpMethod.PATCH).json(changes).build())));
    }

    private IncusRequest.Builder nvram(HttpMethod method) {
        return IncusRequest.of(method, NVRAM).path("name", "instance", instance);
    }

    private IncusRequest.Builder guid(String guid) {
        return IncusRequest.get(GUID).path("name", "instance", instance).path("guid", "guid", guid);
    }

    private IncusRequest.Builder variable(HttpMethod method, String guid, String variable) {
        return IncusRequest.of(method, VARIABLE).path("name", "instance", instance).path("guid", "guid", guid)
                .path("var", "variable", variable);
    }
}
