package org.candor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.candor.campaign.CampaignReader;
import org.candor.rules.RuleSet;
import org.candor.rules.TestPacks;
import org.junit.jupiter.api.Test;

/** A fact the pack finds wrong is reported once, on one subject. */
class OneFindingPerFactTest {

    private static final Path SPEC_EXAMPLE = Path.of("src/test/resources/campaigns/spec-example.json");
    private final RuleSet pack = TestPacks.defaultPack();
    private final ObjectMapper json = new ObjectMapper();

    /** The spec example (120,000 stated followers, 98,000 verified) with one more follower claim. */
    private EvaluationResult withFollowerClaim(long claimed) throws Exception {
        ObjectNode campaign = (ObjectNode) json.readTree(Files.readAllBytes(SPEC_EXAMPLE));
        ArrayNode claims = (ArrayNode) campaign.withArray("influencers").get(0).withArray("claims");
        ObjectNode claim = claims.addObject();
        claim.put("id", "f1");
        claim.put("kind", "FOLLOWERS");
        claim.put("statement", "Followed by " + claimed + " people");
        claim.put("claimedValue", claimed);
        ObjectNode evidence = claim.putArray("evidence").addObject();
        evidence.put("kind", "PLATFORM_DATA");
        evidence.put("verifiedBy", "compliance@northwind");
        evidence.put("verifiedOn", "2026-09-20");
        return new Evaluator().evaluate(new CampaignReader().read(json.writeValueAsBytes(campaign)), pack);
    }

    @Test
    void aFollowerClaimRepeatingTheStatedFigureIsReportedOnceOnTheInfluencer() throws Exception {
        EvaluationResult r = withFollowerClaim(120_000);
        assertThat(r.findings())
                .filteredOn(f -> f.ruleId().equals("CLAIM-001"))
                .extracting(Finding::subject)
                .containsExactly("influencer:jane.doe");
    }

    @Test
    void aFollowerClaimWithAnotherFigureIsItsOwnFact() throws Exception {
        EvaluationResult r = withFollowerClaim(150_000);
        assertThat(r.findings())
                .filteredOn(f -> f.ruleId().equals("CLAIM-001"))
                .extracting(Finding::ruleId, Finding::subject)
                .containsExactlyInAnyOrder(
                        tuple("CLAIM-001", "influencer:jane.doe"), tuple("CLAIM-001", "claim:jane.doe/f1"));
    }
}
