package org.candor.evaluation;

import java.nio.file.Path;
import org.candor.campaign.CampaignReader;
import org.candor.rules.RuleSetLoader;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void runs() throws Exception {
        var rs = new RuleSetLoader().load(Path.of("rules"));
        System.out.println(rs.catalog().size() + " rules; policy terms " + rs.policy().terms().size());
        var c = new CampaignReader().read(Path.of("src/test/resources/campaigns/spec-example.json"));
        var r = new Evaluator().evaluate(c, rs);
        System.out.println(r.verdict());
        r.findings().forEach(f -> System.out.println(f.ruleId() + " " + f.severity() + " " + f.subject() + " | " + f.message() + " | " + f.evidence()));
    }
}
