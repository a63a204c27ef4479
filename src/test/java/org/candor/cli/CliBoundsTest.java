package org.candor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.candor.cli.CandorCliTest.Run;
import org.candor.evaluation.BoundsFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --max-firings} and {@code --deadline}: an evaluation stopped at its bounds exits 3. */
class CliBoundsTest {

    @Test
    void checkStopsACampaignAtTheFiringLimitAndExitsThree(@TempDir Path dir) throws Exception {
        Path rules = BoundsFixtures.pack(dir.resolve("rules"), "cross-product.drl");
        Path campaign = Files.write(dir.resolve("twenty-posts.json"), BoundsFixtures.campaignWithPosts(20));
        Path out = Files.createDirectories(dir.resolve("out"));

        Run r = CandorCliTest.run(
                "check",
                campaign.toString(),
                "--rules",
                rules.toString(),
                "--out",
                out.toString(),
                "--max-firings",
                "1000");

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(CandorCli.STOPPED);
        assertThat(r.err()).contains("twenty-posts.json: stopped").contains("1000 rule firings");
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void underTheLimitTheSameCampaignIsJudged(@TempDir Path dir) throws Exception {
        Path rules = BoundsFixtures.pack(dir.resolve("rules"), "cross-product.drl");
        Path campaign = Files.write(dir.resolve("five-posts.json"), BoundsFixtures.campaignWithPosts(5));

        Run r = CandorCliTest.run(
                "check",
                campaign.toString(),
                "--rules",
                rules.toString(),
                "--format",
                "json",
                "--max-firings",
                "1000",
                "--deadline",
                "2m");

        // LOAD-001 is INFO: the campaign passes with 125 findings.
        assertThat(r.code()).as(r.err()).isEqualTo(CandorCli.PASS);
        assertThat(r.out()).contains("LOAD-001");
    }

    @Test
    void ruleTestsStoppedAtTheirBoundsExitThree(@TempDir Path dir) {
        Path rules = BoundsFixtures.pack(dir.resolve("rules"), "cross-product.drl");
        BoundsFixtures.loadCase(rules, 20);

        Run r = CandorCliTest.run("rules", "test", "--rules", rules.toString(), "--max-firings", "1000");

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(CandorCli.STOPPED);
        assertThat(r.out()).contains("FAIL LOAD-001.json").contains("evaluation exceeded its bounds");
    }

    @Test
    void boundsThatAreNotPositiveOrNotDurationsAreBadInput() {
        Run zero = CandorCliTest.run("check", "src/test/resources/campaigns/spec-example.json", "--max-firings", "0");
        assertThat(zero.code()).isEqualTo(CandorCli.BAD_INPUT);
        assertThat(zero.err()).contains("firing limit must be positive");

        Run word = CandorCliTest.run("check", "src/test/resources/campaigns/spec-example.json", "--deadline", "soon");
        assertThat(word.code()).isEqualTo(CandorCli.BAD_INPUT);
        assertThat(word.err()).contains("'soon' is not a duration");
    }
}
