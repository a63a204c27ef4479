package org.candor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.candor.campaign.Campaign;
import org.candor.campaign.CampaignReader;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;
import org.candor.rules.TestPacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every evaluation ends: at its firing limit or at its deadline, with the bound named. */
class EvaluationBoundsTest {

    private static Campaign posts(int n) throws Exception {
        return new CampaignReader().read(BoundsFixtures.campaignWithPosts(n));
    }

    private static RuleSet pack(Path dir, String drl) {
        return new RuleSetLoader().load(BoundsFixtures.pack(dir, drl));
    }

    @Test
    void aCrossProductOfPostsStopsAtTheFiringLimit(@TempDir Path dir) throws Exception {
        RuleSet pack = pack(dir, "cross-product.drl");
        Evaluator evaluator = new Evaluator(new EvaluationBounds(1_000, Duration.ofMinutes(5)));

        // 20 posts: 8,000 triples, eight times the limit.
        assertThatThrownBy(() -> evaluator.evaluate(posts(20), pack))
                .isInstanceOfSatisfying(BoundsExceededException.class, e -> {
                    assertThat(e.bound()).isEqualTo(BoundsExceededException.Bound.FIRINGS);
                    assertThat(e.getMessage()).contains("1000 rule firings");
                });
    }

    @Test
    void anEvaluationThatStaysUnderTheLimitIsJudgedAsBefore(@TempDir Path dir) throws Exception {
        RuleSet pack = pack(dir, "cross-product.drl");
        // 10 posts: exactly 1,000 triples, the limit itself.
        EvaluationResult r =
                new Evaluator(new EvaluationBounds(1_000, Duration.ofMinutes(5))).evaluate(posts(10), pack);
        assertThat(r.findings()).hasSize(1_000);
    }

    @Test
    void manyFiringsStopAtTheDeadlineWhenTheLimitIsFarAway(@TempDir Path dir) throws Exception {
        RuleSet pack = pack(dir, "cross-product.drl");
        Evaluator evaluator = new Evaluator(new EvaluationBounds(Integer.MAX_VALUE, Duration.ofMillis(100)));

        // 40 posts: 64,000 triples, each firing a consequence: seconds of work.
        assertThatThrownBy(() -> evaluator.evaluate(posts(40), pack))
                .isInstanceOfSatisfying(BoundsExceededException.class, e -> {
                    assertThat(e.bound()).isEqualTo(BoundsExceededException.Bound.DEADLINE);
                    assertThat(e.getMessage()).contains("deadline of 100 ms");
                });
    }

    @Test
    void theDefaultPackKeepsItsFindingsUnderTheDefaultBounds() throws Exception {
        Evaluator evaluator = new Evaluator();
        assertThat(evaluator.bounds()).isEqualTo(EvaluationBounds.DEFAULT);
        assertThat(evaluator.evaluate(posts(50), TestPacks.defaultPack()).findings())
                .extracting(Finding::ruleId)
                .contains("CLAIM-001", "DISC-012", "CLAIM-006");
    }

    @Test
    void boundsMustBePositive() {
        assertThatThrownBy(() -> new EvaluationBounds(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("firing limit");
        assertThatThrownBy(() -> new EvaluationBounds(10, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deadline");
    }
}
