package org.candor.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schema of format v1: the checked-in copy is the one the records generate, and every
 * example, every valid test campaign and every rule-test campaign validates against it, while
 * what the format refuses by its shape (unknown fields, wrong enums, missing fields) does not.
 */
class CampaignSchemaTest {

    static final Path CHECKED_IN = Path.of("docs", CampaignSchema.ID);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(read(CHECKED_IN).toString());

    @Test
    void theCheckedInSchemaIsTheOneTheRecordsGenerate() {
        assertThat(read(CHECKED_IN))
                .as(
                        "docs/%s is stale; regenerate it with: java -jar target/candor.jar schema -o docs/%s (or see README, Campaign format)",
                        CampaignSchema.ID, CampaignSchema.ID)
                .isEqualTo(generated());
    }

    /** As written and read back, so that numbers compare as the file holds them. */
    static JsonNode generated() {
        try {
            return JSON.readTree(JSON.writeValueAsString(CampaignSchema.generate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theSchemaIsDraft202012AndRefusesUnknownFieldsEverywhere() {
        ObjectNode schema = CampaignSchema.generate();
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        schema.path("$defs").properties().forEach(def -> {
            if (def.getValue().path("type").asText().equals("object")) {
                assertThat(def.getValue().path("additionalProperties").asBoolean(true))
                        .as(def.getKey())
                        .isFalse();
            }
        });
        assertThat(schema.path("required").toString()).contains("\"reference\"", "\"influencers\"");
    }

    static Stream<Arguments> campaigns() throws IOException {
        List<Arguments> all = new ArrayList<>();
        for (Path dir : List.of(Path.of("examples"), Path.of("src/test/resources/campaigns/valid"))) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.toString().endsWith(".json"))
                        .sorted()
                        .forEach(f -> all.add(Arguments.of(f.toString(), read(f))));
            }
        }
        all.add(Arguments.of("spec example", read(Path.of("src/test/resources/campaigns/spec-example.json"))));
        try (Stream<Path> files = Files.list(Path.of("rules/tests"))) {
            // A compact case's campaign is its base with its patch applied, as the runner reads it.
            org.candor.ruleadmin.tests.RuleTestRunner runner = new org.candor.ruleadmin.tests.RuleTestRunner();
            files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(f -> {
                var cases = runner.read(f).cases();
                for (int i = 0; i < cases.size(); i++) {
                    all.add(Arguments.of(
                            f + " case " + (i + 1) + " (" + cases.get(i).name() + ")",
                            cases.get(i).campaign()));
                }
            });
        }
        assertThat(all).hasSizeGreaterThan(40);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("campaigns")
    void everyExampleAndRuleTestCampaignValidates(String name, JsonNode campaign) {
        assertThat(campaign.isObject()).as(name).isTrue();
        assertThat(errors(campaign)).as(name).isEmpty();
    }

    @Test
    void whatTheFormatRefusesByItsShapeTheSchemaRefusesToo() {
        JsonNode spec = read(Path.of("src/test/resources/campaigns/spec-example.json"));
        assertThat(errors(spec)).isEmpty();

        assertRefused(spec, c -> c.put("budget", 1000), "budget");
        assertRefused(spec, c -> c.remove("reference"), "reference");
        assertRefused(spec, c -> c.put("formatVersion", 2), "formatVersion");
        assertRefused(spec, c -> c.put("productCategory", "cosmetics"), "productCategory");
        assertRefused(spec, c -> ((ArrayNode) c.path("jurisdictions")).add("USA"), "jurisdictions");
        assertRefused(spec, c -> c.set("influencers", JSON.createArrayNode()), "influencers");
        assertRefused(
                spec,
                c -> ((ObjectNode) c.path("influencers").get(0).path("audience")).put("followers", -5),
                "followers");
        assertRefused(spec, c -> ((ObjectNode) c.path("posts").get(0)).put("platfrom", "INSTAGRAM"), "platfrom");
        assertRefused(spec, c -> c.put("reference", "ACME\u202ESPRING"), "reference");
    }

    private static void assertRefused(JsonNode valid, Consumer<ObjectNode> change, String mentioned) {
        ObjectNode broken = valid.deepCopy();
        change.accept(broken);
        List<Error> errors = errors(broken);
        assertThat(errors).as("refused: " + mentioned).isNotEmpty();
        assertThat(errors.toString()).contains(mentioned);
    }

    private static List<Error> errors(JsonNode campaign) {
        return SCHEMA.validate(campaign);
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
