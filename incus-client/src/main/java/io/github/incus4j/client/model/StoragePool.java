package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * A storage pool ({@code GET /1.0/storage-pools/{name}}).
 *
 * @param name the name
 * @param driver the driver, such as {@code dir}, {@code zfs}, {@code btrfs}, {@code lvm}
 * @param description a free-form description
 * @param config the configuration keys
 * @param status {@code Created}, {@code Pending}, {@code Errored} or {@code Unknown}
 * @param locations the cluster members it exists on
 * @param usedBy the URLs of the objects that use it
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record StoragePool(
        String name,
        String driver,
        String description,
        Map<String, String> config,
        String status,
        List<String> locations,
        List<String> usedBy,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the name
     * @param driver the driver, such as {@code dir}, {@code zfs}, {@code btrfs}, {@code lvm}
     * @param description a free-form description
     * @param config the configuration keys
     * @param status {@code Created}, {@code Pending}, {@code Errored} or {@code Unknown}
     * @param locations the cluster members it exists on
     * @param usedBy the URLs of the objects that use it
     * @param extra fields this client version does not know, kept for {@link #toPut()}
     */
    public StoragePool {
        name = Wire.text(name);
        driver = Wire.text(driver);
        description = Wire.text(description);
        config = Wire.map(config);
        status = Wire.text(status);
        locations = Wire.list(locations);
        usedBy = Wire.list(usedBy);
        extra = Wire.map(extra);
    }

    /**
     * Returns the writable part, for a read-modify-write with {@code PUT}; unknown fields are
     * carried over so that nothing a newer daemon sent is lost.
     *
     * @return the writable part
     */
    public StoragePoolPut toPut() {
        return new StoragePoolPut(description, config, extra);
    }
}
