package org.candor.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code candor.*} setting is a documented field of a {@code @ConfigurationProperties} record,
 * so that the build's configuration metadata (spring-boot-configuration-processor) describes it
 * and IDEs complete and explain it.
 */
class ConfigurationMetadataTest {

    @Test
    void everyCandorKeyInTheApplicationPropertiesIsDescribedInTheMetadata() throws IOException {
        Map<String, String> described = candorMetadata();
        assertThat(described).isNotEmpty();
        List<String> undocumented = new ArrayList<>();
        for (String key : candorKeysOfTheApplicationProperties()) {
            String property = key.replaceAll("\\[[^]]*].*$", "");
            if (!described.containsKey(property)) {
                undocumented.add(key);
            }
        }
        assertThat(undocumented)
                .as("candor.* keys with no @ConfigurationProperties field in the metadata")
                .isEmpty();
    }

    @Test
    void everyCandorPropertyHasADescription() throws IOException {
        List<String> bare = new ArrayList<>();
        candorMetadata().forEach((name, description) -> {
            if (description.isBlank()) {
                bare.add(name);
            }
        });
        assertThat(bare)
                .as("candor.* properties without javadoc (@param of the record component)")
                .isEmpty();
    }

    /** The candor.* properties of this project's metadata: name and description. */
    private static Map<String, String> candorMetadata() throws IOException {
        Map<String, String> properties = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        for (URL url : Collections.list(getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                JsonNode metadata = json.readTree(in);
                for (JsonNode p : metadata.path("properties")) {
                    String name = p.path("name").asText();
                    if (name.startsWith("candor.")) {
                        properties.put(name, p.path("description").asText(""));
                    }
                }
            }
        }
        return properties;
    }

    private static ClassLoader getClassLoader() {
        return ConfigurationMetadataTest.class.getClassLoader();
    }

    private static List<String> candorKeysOfTheApplicationProperties() throws IOException {
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("application.*\\.properties"))
                    .toList()) {
                Properties properties = new Properties();
                try (Reader reader = Files.newBufferedReader(file)) {
                    properties.load(reader);
                }
                properties.stringPropertyNames().stream()
                        .filter(k -> k.startsWith("candor."))
                        .forEach(keys::add);
            }
        }
        assertThat(keys)
                .as("candor.* keys in src/main/resources/application*.properties")
                .isNotEmpty();
        return keys;
    }
}
