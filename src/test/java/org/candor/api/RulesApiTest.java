package org.candor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule catalog, and what operators see of the rules and the evaluations: health, metrics. */
class RulesApiTest extends ApiTestSupport {

    @Test
    void theCatalogListsEveryRuleWithItsMetadataAndTheRuleSetHash() throws Exception {
        JsonNode catalog = read("/api/v1/rules", LUMEN);

        assertThat(catalog.path("ruleSetHash").asText()).matches("[0-9a-f]{64}");
        List<String> ids = new ArrayList<>();
        for (JsonNode rule : catalog.path("rules")) {
            ids.add(rule.path("id").asText());
            for (String field : List.of("id", "title", "category", "severity", "source", "remediation")) {
                assertThat(rule.path(field).asText())
                        .as("%s of %s", field, rule)
                        .isNotBlank();
            }
        }
        assertThat(ids).doesNotHaveDuplicates().contains("DISC-001", "DISC-003", "ATTR-001", "CLAIM-001", "AUD-001");
        assertThat(read("/api/v1/rules", MANAGER)).isEqualTo(catalog);
    }

    @Test
    void healthShowsTheRulesComponentWithTheHashInForce() throws Exception {
        String hash = read("/api/v1/rules", OFFICER).path("ruleSetHash").asText();

        JsonNode anonymous = read("/actuator/health", NONE);
        assertThat(anonymous.path("status").asText()).isEqualTo("UP");
        assertThat(anonymous.path("components").path("rules").path("status").asText())
                .isEqualTo("UP");
        assertThat(anonymous.path("components").path("rules").has("details"))
                .as("details (hash, folder, disk paths) only for signed-in users")
                .isFalse();

        JsonNode health = read("/actuator/health", OFFICER);
        assertThat(health.path("status").asText()).isEqualTo("UP");
        JsonNode rules = health.path("components").path("rules");
        assertThat(rules.path("status").asText()).isEqualTo("UP");
        assertThat(rules.path("details").path("hash").asText()).isEqualTo(hash);
        assertThat(rules.path("details").path("rules").asInt()).isPositive();
    }

    @Test
    void metricsCountEvaluationsByVerdictAndTimeThem() throws Exception {
        submit(NORTHWIND, SPEC_EXAMPLE);

        JsonNode names = read("/actuator/metrics", OFFICER).path("names");
        List<String> list = new ArrayList<>();
        names.forEach(n -> list.add(n.asText()));
        assertThat(list).contains("candor.evaluations", "candor.evaluation.latency");

        JsonNode failed = read("/actuator/metrics/candor.evaluations?tag=verdict:FAIL", OFFICER);
        assertThat(failed.path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(1);
        JsonNode latency = read("/actuator/metrics/candor.evaluation.latency", MANAGER);
        assertThat(latency.path("measurements").get(0).path("statistic").asText())
                .isEqualTo("COUNT");
        assertThat(latency.path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theOpenApiDescriptionIsServedToAnyoneAndDescribesTheApi() throws Exception {
        JsonNode api = read("/v3/api-docs", NONE);

        assertThat(api.path("openapi").asText()).startsWith("3.");
        assertThat(api.path("paths").fieldNames())
                .toIterable()
                .contains(
                        "/api/v1/evaluations",
                        "/api/v1/evaluations/{id}",
                        "/api/v1/evaluations/{id}/report.xlsx",
                        "/api/v1/evaluations/{id}/reevaluate",
                        "/api/v1/reports/portfolio.xlsx",
                        "/api/v1/rules");
    }
}
