package org.candor.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.candor.campaign.CampaignSchema;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The JSON Schema of campaign format v1, public, so that agencies' tools can check before they send. */
@RestController
@Tag(name = "Format")
class SchemaController {

    static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");

    private final ObjectNode schema = CampaignSchema.generate();

    @Operation(summary = "The JSON Schema (draft 2020-12) of campaign format v1, generated from the format's records")
    @SecurityRequirements
    @GetMapping(
            value = "/api/v1/schema",
            produces = {"application/schema+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<ObjectNode> schema() {
        return ResponseEntity.ok()
                .contentType(SCHEMA_JSON)
                .cacheControl(CacheControl.noCache())
                .body(schema);
    }
}
