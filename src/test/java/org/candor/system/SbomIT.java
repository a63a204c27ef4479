package org.candor.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar carries a CycloneDX SBOM of what it ships, with the versions the build
 * overrides (commons-lang3 without CVE-2025-48924), and nothing only the tests use.
 */
class SbomIT {

    @Test
    void theJarCarriesACycloneDxSbomOfWhatItShips() throws Exception {
        Path jar = Path.of(System.getProperty("candor.jar", "target/candor.jar"));
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry("META-INF/sbom/application.cdx.json");
            assertThat(entry)
                    .as("SBOM in " + jar + " (the CycloneDX plugin skips when Maven is offline)")
                    .isNotNull();
            JsonNode bom;
            try (InputStream in = file.getInputStream(entry)) {
                bom = new ObjectMapper().readTree(in);
            }
            assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
            assertThat(bom.path("metadata").path("component").path("name").asText())
                    .isEqualTo("candor");
            Map<String, String> versions = new HashMap<>();
            bom.path("components")
                    .forEach(c -> versions.put(
                            c.path("group").asText() + ":" + c.path("name").asText(),
                            c.path("version").asText()));
            assertThat(versions)
                    .containsEntry("org.apache.commons:commons-lang3", "3.20.0")
                    .containsEntry("org.apache.poi:poi", "5.5.1")
                    .containsEntry("com.h2database:h2", "2.4.240")
                    .containsEntry("org.postgresql:postgresql", "42.7.14")
                    .containsEntry("org.flywaydb:flyway-core", "11.20.3")
                    .containsKey("org.drools:drools-engine")
                    .containsKey("org.springframework.boot:spring-boot");
            assertThat(versions).doesNotContainKey("org.junit.jupiter:junit-jupiter-api");
        }
    }
}
