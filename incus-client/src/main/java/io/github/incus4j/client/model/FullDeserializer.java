package io.github.incus4j.client.model;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.type.TypeFactory;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Reads a "full" object ({@code recursion=2} of instances, {@code recursion=1} of a volume) in one
 * pass: its extra fields ({@code state}, {@code snapshots}, {@code backups}) go straight into their
 * records, every other field is buffered as tokens and read as the plain record it extends. Reading
 * the whole object as the plain record first (its unknown-field map catching the extra fields as
 * generic maps) and then again as the extra records cost twice the time and allocation on a
 * 1,000-instance {@code recursion=2} answer (docs/BENCHMARKS.md, B5).
 *
 * @param <T> the full record
 * @param <B> the plain record it wraps
 */
abstract class FullDeserializer<T, B> extends StdDeserializer<T> {

    private final Class<B> plain;
    private final Class<?> snapshot;
    private final Class<?> backup;
    private final Class<?> state;

    FullDeserializer(Class<T> full, Class<B> plain, Class<?> snapshot, Class<?> backup, Class<?> state) {
        super(full);
        this.plain = plain;
        this.snapshot = snapshot;
        this.backup = backup;
        this.state = state;
    }

    /**
     * Makes the full record.
     *
     * @param plain the plain record, read from every other field
     * @param state the {@code state} field, or {@code null} when not sent or null
     * @param snapshots the {@code snapshots} field, or {@code null}
     * @param backups the {@code backups} field, or {@code null}
     * @return the full record
     */
    abstract T create(B plain, @Nullable Object state, @Nullable List<?> snapshots, @Nullable List<?> backups);

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) {
        if (!parser.hasToken(JsonToken.START_OBJECT)) {
            @SuppressWarnings("unchecked")
            T unexpected = (T) context.handleUnexpectedToken(handledType(), parser);
            return unexpected;
        }
        TypeFactory types = context.getTypeFactory();
        JavaType snapshotList = types.constructCollectionType(List.class, snapshot);
        JavaType backupList = types.constructCollectionType(List.class, backup);
        Object stateValue = null;
        List<?> snapshots = null;
        List<?> backups = null;
        TokenBuffer rest = context.bufferForInputBuffering(parser);
        rest.writeStartObject();
        for (String field = parser.nextName(); field != null; field = parser.nextName()) {
            boolean absent = parser.nextToken() == JsonToken.VALUE_NULL;
            switch (field) {
                case "state" -> stateValue = absent ? null : context.readValue(parser, state);
                case "snapshots" -> snapshots = absent ? null : context.readValue(parser, snapshotList);
                case "backups" -> backups = absent ? null : context.readValue(parser, backupList);
                default -> {
                    rest.writeName(field);
                    rest.copyCurrentStructure(parser);
                }
            }
        }
        rest.writeEndObject();
        try (JsonParser buffered = rest.asParserOnFirstToken(context)) {
            return create(context.readValue(buffered, plain), stateValue, snapshots, backups);
        }
    }

    /** Reads an {@link InstanceFull}. */
    static final class OfInstance extends FullDeserializer<InstanceFull, Instance> {

        OfInstance() {
            super(InstanceFull.class, Instance.class, InstanceSnapshot.class, InstanceBackup.class,
                    InstanceState.class);
        }

        @Override
        @SuppressWarnings("unchecked")
        InstanceFull create(Instance plain, @Nullable Object state, @Nullable List<?> snapshots,
                @Nullable List<?> backups) {
            return new InstanceFull(plain, (InstanceState) state, (List<InstanceSnapshot>) snapshots,
                    (List<InstanceBackup>) backups);
        }
    }

    /** Reads a {@link StorageVolumeFull}. */
    static final class OfStorageVolume extends FullDeserializer<StorageVolumeFull, StorageVolume> {

        OfStorageVolume() {
            super(StorageVolumeFull.class, StorageVolume.class, StorageVolumeSnapshot.class,
                    StorageVolumeBackup.class, StorageVolumeState.class);
        }

        @Override
        @SuppressWarnings("unchecked")
        StorageVolumeFull create(StorageVolume plain, @Nullable Object state, @Nullable List<?> snapshots,
                @Nullable List<?> backups) {
            return new StorageVolumeFull(plain, (List<StorageVolumeSnapshot>) snapshots,
                    (List<StorageVolumeBackup>) backups, (StorageVolumeState) state);
        }
    }
}
