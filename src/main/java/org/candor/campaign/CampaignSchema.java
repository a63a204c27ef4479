package org.candor.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON Schema (draft 2020-12) of campaign format v1, generated from the records that read
 * it, so that it cannot drift from them: their fields, types, enums and Bean Validation
 * constraints ({@code @NotNull} is required, {@code @Size}, {@code @Pattern}, ranges). Unknown
 * fields are refused, as the reader refuses them; fields not required may be null. The schema is
 * served at {@code /api/v1/schema}, written by {@code candor schema} and checked into
 * {@code docs/campaign-format-v1.schema.json}.
 *
 * <p>The reader checks more than a schema can say (a post naming an unknown influencer, duplicate
 * ids, a date that is not ISO-8601): a document the schema accepts may still be rejected, never the
 * reverse.
 */
public final class CampaignSchema {

    /** The file name of the checked-in copy, under {@code docs/}. */
    public static final String ID = "campaign-format-v1.schema.json";

    /** The schema's {@code $id}: an absolute URI naming the format, wherever the file is kept. */
    public static final String URI = "urn:candor:campaign-format:v1";

    private CampaignSchema() {}

    /** The schema, generated afresh. */
    public static ObjectNode generate() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(
                        SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(Option.NULLABLE_FIELDS_BY_DEFAULT)
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
                .with(Option.DEFINITIONS_FOR_ALL_OBJECTS)
                .with(new JacksonModule())
                .with(new JakartaValidationModule(
                        JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
                        JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS));
        config.forFields().withInstanceAttributeOverride((attributes, field, context) -> {
            if (field.getDeclaringType().getErasedType() == Campaign.class
                    && field.getName().equals("formatVersion")) {
                attributes.put("const", Campaign.FORMAT_VERSION);
            }
        });
        ObjectNode schema = new SchemaGenerator(config.build()).generateSchema(Campaign.class);
        anchorPatterns(schema);
        ObjectNode document = schema.objectNode();
        document.put("$schema", schema.path("$schema").asText());
        document.put("$id", URI);
        document.put("title", "Candor campaign, format v1");
        document.put(
                "description",
                "One influencer-marketing campaign submitted for an ethics check (SPEC section 3). "
                        + "Generated from the records that read it: regenerate with `candor schema -o docs/"
                        + ID + "`.");
        schema.remove("$schema");
        document.setAll(schema);
        return document;
    }

    /**
     * Bean Validation's {@code @Pattern} must match the whole value, a JSON Schema
     * {@code pattern} anywhere in it: every pattern is anchored so that both mean the same.
     */
    private static void anchorPatterns(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode pattern = object.get("pattern");
            if (pattern != null && pattern.isTextual()) {
                object.set("pattern", TextNode.valueOf("^(?:" + pattern.asText() + ")$"));
            }
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                anchorPatterns(fields.next().getValue());
            }
        } else if (node != null && node.isArray()) {
            node.forEach(CampaignSchema::anchorPatterns);
        }
    }
}
