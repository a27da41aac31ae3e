package io.github.incus4j.client.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Null-tolerant defaults shared by the records' compact constructors. */
final class Wire {

    private Wire() {
    }

    static String text(@Nullable String value) {
        return value == null ? "" : value;
    }

    static <T> List<T> list(@Nullable List<T> value) {
        return value == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(value));
    }

    static <K, V> Map<K, V> map(@Nullable Map<K, V> value) {
        return value == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(value));
    }
}
