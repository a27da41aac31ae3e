package io.github.incus4j.client.internal.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client's own JSON mapper.
 *
 * <p>It never depends on an application's global mapper settings: Incus writes {@code snake_case},
 * the client must tolerate fields it does not know (the daemon may be newer than the client) and
 * fields that are missing (it may be older), and timestamps are ISO-8601 strings.
 */
public final class IncusJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private IncusJson() {
    }

    /**
     * Returns the shared mapper; it is immutable and thread-safe.
     *
     * @return the mapper configured for the Incus wire format
     */
    public static JsonMapper mapper() {
        return MAPPER;
    }
}
