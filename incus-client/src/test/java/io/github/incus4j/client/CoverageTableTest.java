package io.github.incus4j.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/COVERAGE.md} true: the table names every path + method of the specification
 * once, and its {@code covered} rows and the {@link Endpoint} annotations of the API package agree
 * in both directions, for every class of the package.
 */
class CoverageTableTest {

    /** Path + method pairs of the Incus 7.3 specification the table is made from. */
    private static final int SPEC_PAIRS = 303;

    private static final Pattern ROW = Pattern.compile(
            "^\\| (GET|HEAD|POST|PUT|PATCH|DELETE) \\| `([^`]+)` \\| ([^|]+?) \\| (?:`([^`]*)`)? ?\\|$");

    private static final Map<String, Row> ROWS = new LinkedHashMap<>();
    private static final Map<String, Set<String>> ANNOTATED = new LinkedHashMap<>();
    private static final Map<String, Class<?>> API_CLASSES = new LinkedHashMap<>();

    record Row(String method, String path, String status, List<String> clientMethods) {
    }

    @BeforeAll
    static void read() throws IOException, URISyntaxException, ClassNotFoundException {
        Path table = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("COVERAGE.md");
        for (String line : Files.readAllLines(table)) {
            Matcher row = ROW.matcher(line);
            if (!line.startsWith("| ") || line.startsWith("| Method ") || line.startsWith("|---")) {
                continue;
            }
            assertThat(row.matches()).as("malformed table row: %s", line).isTrue();
            List<String> methods = row.group(4) == null || row.group(4).isBlank() ? List.of()
                    : Arrays.stream(row.group(4).split(",")).map(String::strip).toList();
            Row previous = ROWS.put(key(row.group(1), row.group(2)),
                    new Row(row.group(1), row.group(2), row.group(3).strip(), methods));
            assertThat(previous).as("row listed twice: %s", line).isNull();
        }
        Path classes = Path.of(Endpoint.class.getResource("Endpoint.class").toURI()).getParent();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class")) {
                    continue;
                }
                Class<?> type = Class.forName(Endpoint.class.getPackageName() + "." + name.replace(".class", ""));
                API_CLASSES.put(displayName(type), type);
                for (Method method : type.getDeclaredMethods()) {
                    for (Endpoint endpoint : method.getAnnotationsByType(Endpoint.class)) {
                        ANNOTATED.computeIfAbsent(key(endpoint.method(), endpoint.path()), k -> new TreeSet<>())
                                .add(displayName(type) + "#" + method.getName());
                    }
                }
            }
        }
    }

    @Test
    void everyPathAndMethodOfTheSpecificationHasOneRow() {
        assertThat(ROWS).hasSize(SPEC_PAIRS);
        assertThat(ROWS.values()).allSatisfy(row -> {
            if (!row.status().equals("covered")) {
                assertThat(row.status()).as(row.method() + " " + row.path()).matches("unsupported: \\S.*");
                assertThat(row.clientMethods()).as(row.method() + " " + row.path()).isEmpty();
            } else {
                assertThat(row.clientMethods()).as(row.method() + " " + row.path()).isNotEmpty();
            }
        });
    }

    @Test
    void everyAnnotatedEndpointIsACoveredRowNamingItsMethods() {
        assertThat(ANNOTATED).isNotEmpty();
        List<String> problems = new ArrayList<>();
        ANNOTATED.forEach((endpoint, methods) -> {
            Row row = ROWS.get(endpoint);
            if (row == null) {
                problems.add(endpoint + " is annotated on " + methods + " but is not a path of the specification");
            } else if (!row.status().equals("covered")) {
                problems.add(endpoint + " is annotated on " + methods + " but the table says: " + row.status());
            } else if (!row.clientMethods().containsAll(methods)) {
                problems.add(endpoint + " is annotated on " + methods + " but the table names " + row.clientMethods());
            }
        });
        assertThat(problems).as("docs/COVERAGE.md disagrees with the code; regenerate it "
                + "(scripts/generate-coverage.py)").isEmpty();
    }

    @Test
    void everyCoveredRowNamesMethodsThatExistAndCarryItsEndpoint() {
        List<String> problems = new ArrayList<>();
        ROWS.forEach((endpoint, row) -> {
            for (String clientMethod : row.clientMethods()) {
                String[] parts = clientMethod.split("#");
                Class<?> type = API_CLASSES.get(parts[0]);
                boolean exists = type != null && parts.length == 2 && Arrays.stream(type.getDeclaredMethods())
                        .anyMatch(method -> method.getName().equals(parts[1]) && Modifier.isPublic(method.getModifiers()));
                if (!exists) {
                    problems.add(endpoint + " names " + clientMethod + ", which does not exist");
                    continue;
                }
                if (!ANNOTATED.getOrDefault(endpoint, Set.of()).contains(clientMethod)) {
                    problems.add(endpoint + " names " + clientMethod + ", which has no @Endpoint for it");
                }
            }
        });
        assertThat(problems).as("docs/COVERAGE.md disagrees with the code").isEmpty();
    }

    @Test
    void everyApiClassAnnotatesTheEndpointsItCalls() {
        List<String> unannotated = API_CLASSES.entrySet().stream()
                .filter(entry -> entry.getKey().endsWith("Api") && Modifier.isPublic(entry.getValue().getModifiers()))
                .filter(entry -> Arrays.stream(entry.getValue().getDeclaredMethods())
                        .noneMatch(method -> method.getAnnotationsByType(Endpoint.class).length > 0))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(unannotated).as("API classes without @Endpoint annotations").isEmpty();
    }

    private static String key(String method, String path) {
        return method + " " + path;
    }

    private static String displayName(Class<?> type) {
        return type.getEnclosingClass() == null ? type.getSimpleName()
                : displayName(type.getEnclosingClass()) + "." + type.getSimpleName();
    }
}
