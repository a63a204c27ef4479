package org.candor.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.candor.rules.RuleMeta;
import org.candor.rules.RuleService;
import org.candor.rules.RuleSet;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The rule catalog, read from the rules in force. */
@RestController
@RequestMapping("/api/v1/rules")
@Tag(name = "Rules")
class RulesController {
    private final RuleService rules;

    RulesController(RuleService rules) {
        this.rules = rules;
    }

    record Catalog(String ruleSetHash, List<RuleMeta> rules) {}

    @Operation(summary = "The catalog of the rules in force and their rule-set hash")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    Catalog catalog() {
        RuleSet rs = rules.current();
        return new Catalog(rs.hash(), rs.catalog());
    }
}
