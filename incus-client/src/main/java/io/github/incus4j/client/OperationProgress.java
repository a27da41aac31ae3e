package io.github.incus4j.client;

import io.github.incus4j.client.model.Operation;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Progress of a running operation, as the daemon reports it in the operation's metadata (image
 * downloads and unpacking, copies, migrations, exports).
 *
 * @param operationId the operation's id
 * @param description what the operation does, such as {@code Creating instance}
 * @param stage the stage in progress, such as {@code create_instance_from_image_unpack}
 * @param percent how far the stage is, 0 to 100, or {@code null} when the daemon does not know
 * @param text the progress as the {@code incus} command line shows it, such as
 *     {@code Unpack: 42% (120.5MB/s)}
 */
public record OperationProgress(String operationId, String description, String stage, @Nullable Integer percent,
        String text) {

    private static final String SUFFIX = "_progress";
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})%");

    /**
     * Reads the progress from an operation's metadata: the {@code progress} object
     * ({@code stage}, {@code percent}) with the {@code <stage>_progress} text next to it, or only
     * such a text.
     *
     * @param operation the operation
     * @return its progress, or {@code null} when its metadata carries none
     */
    public static @Nullable OperationProgress of(Operation operation) {
        Map<String, Object> metadata = operation.metadata();
        if (metadata.get("progress") instanceof Map<?, ?> progress && progress.get("stage") != null) {
            String stage = String.valueOf(progress.get("stage"));
            Integer percent = parsePercent(progress.get("percent"));
            Object text = metadata.get(stage + SUFFIX);
            return new OperationProgress(operation.id(), operation.description(), stage, percent,
                    text instanceof String line ? line : stage + (percent != null ? ": " + percent + "%" : ""));
        }
        for (Map.Entry<String, Object> entry : metadata.entrySet()) {
            if (entry.getKey().endsWith(SUFFIX) && entry.getValue() instanceof String line) {
                Matcher matcher = PERCENT.matcher(line);
                Integer percent = matcher.find() ? clamp(Integer.parseInt(matcher.group(1))) : null;
                return new OperationProgress(operation.id(), operation.description(),
                        entry.getKey().substring(0, entry.getKey().length() - SUFFIX.length()), percent, line);
            }
        }
        return null;
    }

    private static @Nullable Integer parsePercent(@Nullable Object value) {
        if (value instanceof Number number) {
            return clamp(number.intValue());
        }
        if (value instanceof String text && !text.isBlank()) {
            try {
                return clamp((int) Double.parseDouble(text.strip()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static int clamp(int percent) {
        return Math.max(0, Math.min(100, percent));
    }
}
