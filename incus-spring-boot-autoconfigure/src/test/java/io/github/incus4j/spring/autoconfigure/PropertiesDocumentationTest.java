package io.github.incus4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the README's property table and the configuration metadata the IDE reads in step: the
 * metadata the build generates (target/classes, the configuration processor's output merged with
 * additional-spring-configuration-metadata.json) against the table under "### Properties", in both
 * directions, defaults included where the metadata has one.
 */
class PropertiesDocumentationTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path METADATA = Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json");
    /** The table's one row for every named client's keys, and the metadata's map property it stands for. */
    private static final String NAMED_CLIENTS_ROW = "incus.clients.NAME.*";
    private static final String NAMED_CLIENTS_PROPERTY = "incus.clients";

    private static Map<String, String> table;
    private static Map<String, JsonNode> metadata;

    @BeforeAll
    static void read() throws IOException {
        table = readmeTable(Files.readAllLines(README));
        metadata = new LinkedHashMap<>();
        JsonNode json = JsonMapper.builder().build().readTree(METADATA.toFile());
        for (JsonNode property : json.get("properties")) {
            String name = property.get("name").asString();
            if (name.startsWith("incus.") || name.equals("management.health.incus.enabled")
                    || name.equals("management.health.incus-events.enabled")) {
                metadata.put(name, property);
            }
        }
    }

    @Test
    void everyPropertyOfTheMetadataIsInTheReadmeTable() {
        assertThat(new TreeSet<>(table.keySet())).as("README.md, ### Properties")
                .containsAll(new TreeSet<>(metadata.keySet()));
    }

    @Test
    void everyPropertyOfTheReadmeTableIsInTheMetadata() {
        assertThat(new TreeSet<>(metadata.keySet())).as("spring-configuration-metadata.json")
                .containsAll(new TreeSet<>(table.keySet()));
    }

    @Test
    void theReadmeGivesTheDefaultsTheMetadataGives() {
        metadata.forEach((name, property) -> {
            JsonNode defaultValue = property.get("defaultValue");
            if (defaultValue != null && table.containsKey(name)) {
                assertThat(table.get(name)).as("README default of " + name).isEqualTo(defaultValue.asString());
            }
        });
    }

    @Test
    void everyPropertyHasADescriptionForTheIde() {
        metadata.forEach((name, property) -> assertThat(property.path("description").asString(""))
                .as("description of " + name + " (the Javadoc of its field)").isNotBlank());
    }

    @Test
    void namedClientsAreTypedSoIdesCompleteTheirKeys() {
        // IDEs complete incus.clients.NAME.* from the map's value type and the Javadoc of its fields,
        // as they do for Spring Boot's own spring.ssl.bundle.pem.NAME.*: the metadata format has no
        // names with a placeholder.
        assertThat(metadata.get(NAMED_CLIENTS_PROPERTY).get("type").asString()).isEqualTo(
                "java.util.Map<java.lang.String," + IncusConnectionProperties.class.getName() + ">");
    }

    /** The rows of the table after "### Properties": property name (without backticks) to default. */
    private static Map<String, String> readmeTable(List<String> lines) {
        Map<String, String> rows = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("#")) {
                inSection = line.strip().equals("### Properties");
                continue;
            }
            if (inSection && line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                String name = cells[1].strip().replace("`", "");
                String defaultValue = cells[2].strip().replace("`", "");
                rows.put(name.equals(NAMED_CLIENTS_ROW) ? NAMED_CLIENTS_PROPERTY : name, defaultValue);
            }
        }
        assertThat(rows).as("rows of the table under ### Properties in " + README).isNotEmpty();
        return rows;
    }
}
