package org.candor.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.candor.support.ServiceTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded database in a file, as in production, made to fail for real while the service
 * runs: its store closed under it, then its file deleted. Health must say so, submissions must be
 * refused with 503 and Retry-After rather than acknowledged into nothing, and a closed store must
 * come back without a restart.
 */
@ServiceTest
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageFailureTest {

    static final Path DATA;

    static {
        try {
            DATA = Files.createTempDirectory("candor-storage-failure");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:file:" + DATA.resolve("candor")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=1000;AUTO_COMPACT_FILL_RATE=0");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
    }

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper mapper;

    static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> submit() throws Exception {
        ObjectMapper m = new ObjectMapper();
        var campaign = (com.fasterxml.jackson.databind.node.ObjectNode)
                m.readTree(new ClassPathResource("cli/passing.json").getContentAsByteArray());
        campaign.put("reference", "STORE-" + UUID.randomUUID().toString().substring(0, 8));
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/evaluations"))
                        .header("Authorization", basic("northwind:northwind-demo"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(m.writeValueAsBytes(campaign)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> health() throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .header("Authorization", basic("officer:officer-demo"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void aClosedStoreComesBackWithoutARestart() throws Exception {
        assertThat(submit().statusCode()).isEqualTo(201);
        // the database closes under the service, as H2 does when a write of its store fails
        jdbc.sql("SHUTDOWN").update();

        // every pooled connection is dead now; the first request to find one retires them all, so
        // no request is refused for a store that a new connection opens again
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> after = submit();
            assertThat(after.statusCode())
                    .as("submission %d after the store closed: %s", i + 1, after.body())
                    .isEqualTo(201);
        }
        HttpResponse<String> health = health();
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(mapper.readTree(health.body())
                        .path("components")
                        .path("storage")
                        .path("status")
                        .asText())
                .isEqualTo("UP");

        // the same when a probe or a read is the first to find the store closed
        jdbc.sql("SHUTDOWN").update();
        HttpResponse<String> probed = health();
        assertThat(probed.statusCode()).as(probed.body()).isEqualTo(200);
        jdbc.sql("SHUTDOWN").update();
        HttpResponse<String> listed = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/evaluations"))
                        .header("Authorization", basic("northwind:northwind-demo"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(mapper.readTree(listed.body()).toString()).contains("STORE-");
    }

    @Test
    @Order(2)
    void aDeletedDatabaseTurnsHealthDownAndSubmissionsAre503WithRetryAfter() throws Exception {
        assertThat(submit().statusCode()).isEqualTo(201);
        long before =
                jdbc.sql("SELECT COUNT(*) FROM submission").query(Long.class).single();

        try (Stream<Path> files = Files.walk(DATA)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertThat(DATA).doesNotExist();

        HttpResponse<String> health = health();
        assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
        JsonNode storage = mapper.readTree(health.body()).path("components").path("storage");
        assertThat(storage.path("status").asText()).isEqualTo("DOWN");
        assertThat(storage.path("details").path("problem").asText()).contains("is gone");

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> refused = submit();
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            JsonNode problem = mapper.readTree(refused.body());
            assertThat(problem.path("detail").asText())
                    .contains("Idempotency-Key")
                    .doesNotContain("nothing you sent");
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM submission").query(Long.class).single())
                .as("nothing acknowledged into the deleted file")
                .isEqualTo(before);
    }
}
