package io.github.incus4j.client.model;

import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Reads an {@link InstanceFull} in one pass: {@code state}, {@code snapshots} and {@code backups}
 * go straight into their records, every other field is buffered as tokens and read as the
 * {@link Instance}. Reading the whole object as an instance first (its unknown-field map catching
 * the three full fields as generic maps) and then again as the three records cost twice the time
 * and allocation on a 1,000-instance {@code recursion=2} answer (docs/BENCHMARKS.md, B5).
 */
final class InstanceFullDeserializer extends StdDeserializer<InstanceFull> {

    InstanceFullDeserializer() {
        super(InstanceFull.class);
    }

    @Override
    public InstanceFull deserialize(JsonParser parser, DeserializationContext context) {
        if (!parser.hasToken(JsonToken.START_OBJECT)) {
            return (InstanceFull) context.handleUnexpectedToken(InstanceFull.class, parser);
        }
        JavaType snapshotList = context.getTypeFactory().constructCollectionType(List.class, InstanceSnapshot.class);
        JavaType backupList = context.getTypeFactory().constructCollectionType(List.class, InstanceBackup.class);
        InstanceState state = null;
        List<InstanceSnapshot> snapshots = null;
        List<InstanceBackup> backups = null;
        TokenBuffer instance = context.bufferForInputBuffering(parser);
        instance.writeStartObject();
        for (String field = parser.nextName(); field != null; field = parser.nextName()) {
            JsonToken value = parser.nextToken();
            boolean absent = value == JsonToken.VALUE_NULL;
            switch (field) {
                case "state" -> state = absent ? null : context.readValue(parser, InstanceState.class);
                case "snapshots" -> snapshots = absent ? null : context.readValue(parser, snapshotList);
                case "backups" -> backups = absent ? null : context.readValue(parser, backupList);
                default -> {
                    instance.writeName(field);
                    instance.copyCurrentStructure(parser);
                }
            }
        }
        instance.writeEndObject();
        try (JsonParser buffered = instance.asParserOnFirstToken(context)) {
            return new InstanceFull(context.readValue(buffered, Instance.class), state, snapshots, backups);
        }
    }
}
