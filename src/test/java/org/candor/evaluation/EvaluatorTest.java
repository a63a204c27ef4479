package org.candor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.candor.campaign.Campaign;
import org.candor.campaign.CampaignReader;
import org.candor.campaign.Post;
import org.candor.rules.Category;
import org.candor.rules.RuleSet;
import org.candor.rules.Severity;
import org.candor.rules.TestPacks;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static final Path SPEC_EXAMPLE = Path.of("src/test/resources/campaigns/spec-example.json");
    private final RuleSet pack = TestPacks.defaultPack();
    private final Evaluator evaluator = new Evaluator();

    private static Campaign specExample() throws Exception {
        return new CampaignReader().read(SPEC_EXAMPLE);
    }

    @Test
    void theSpecExampleFailsForItsOverstatedAudienceAffiliateLinkAndUnprovenClaim() throws Exception {
        EvaluationResult r = evaluator.evaluate(specExample(), pack);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.findings())
                .extracting(Finding::ruleId, Finding::subject)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("CLAIM-001", "influencer:jane.doe"),
                        org.assertj.core.groups.Tuple.tuple("DISC-012", "post:p1"),
                        org.assertj.core.groups.Tuple.tuple("CLAIM-006", "post:p1"));
        Finding overstated = r.findings().stream()
                .filter(f -> f.ruleId().equals("CLAIM-001"))
                .findFirst()
                .orElseThrow();
        assertThat(overstated.message()).contains("120,000").contains("98,000").contains("22.4%");
        assertThat(overstated.source()).contains("16 CFR 465.8");
        assertThat(overstated.remediation()).isNotBlank();
        assertThat(overstated.severity()).isEqualTo(Severity.FAIL);
        assertThat(r.ruleSetHash()).isEqualTo(pack.hash());
        assertThat(r.asOf()).isEqualTo(Instant.parse("2026-10-01T09:00:00Z"));
        assertThat(r.counts().fails()).isEqualTo(3);
        assertThat(r.counts().of(Category.CLAIMS)).isEqualTo(2);
        assertThat(r.counts().of(Category.DISCLOSURE)).isEqualTo(1);
        assertThat(r.posts()).singleElement().satisfies(p -> {
            assertThat(p.subject()).isEqualTo("post:p1");
            assertThat(p.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(p.fails()).isEqualTo(2);
        });
        assertThat(r.influencers()).singleElement().satisfies(i -> {
            assertThat(i.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(i.fails()).isEqualTo(1);
        });
    }

    @Test
    void checksCountWhatEachRuleExaminedAndFailed() throws Exception {
        EvaluationResult r = evaluator.evaluate(specExample(), pack);
        assertThat(r.checks()).hasSize(pack.catalog().size());
        RuleCheck disc012 = r.checks().stream()
                .filter(c -> c.ruleId().equals("DISC-012"))
                .findFirst()
                .orElseThrow();
        assertThat(disc012.applicable()).isTrue();
        assertThat(disc012.examined()).isEqualTo(1);
        assertThat(disc012.failed()).isEqualTo(1);
        RuleCheck disc014 = r.checks().stream()
                .filter(c -> c.ruleId().equals("DISC-014"))
                .findFirst()
                .orElseThrow();
        assertThat(disc014.applicable()).as("FR rule, campaign in US and UK").isFalse();
        assertThat(disc014.examined()).isZero();
        RuleCheck claim001 = r.checks().stream()
                .filter(c -> c.ruleId().equals("CLAIM-001"))
                .findFirst()
                .orElseThrow();
        assertThat(claim001.examined()).as("one influencer and one claim").isEqualTo(2);
    }

    @Test
    void aCampaignWithoutSubmittedAtIsJudgedAsOfTheClock() throws Exception {
        Instant now = Instant.parse("2027-06-01T00:00:00Z");
        Evaluator fixed = new Evaluator(Clock.fixed(now, ZoneOffset.UTC));
        EvaluationResult r = fixed.evaluate(specExample().withSubmittedAt(null), pack);
        assertThat(r.asOf()).isEqualTo(now);
        // Verified 2026-09-30: 244 days before that moment, so the figures are stale.
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo("CLAIM-002");
            assertThat(f.message()).contains("244 days");
        });
    }

    @Test
    void theSameInputAndRulesGiveTheSameFindings() throws Exception {
        Campaign c = specExample();
        assertThat(evaluator.evaluate(c, pack).findings())
                .isEqualTo(evaluator.evaluate(c, pack).findings());
    }

    @Test
    void reorderingPostsDoesNotChangeWhatIsFound() throws Exception {
        Campaign c = new CampaignReader().read(Path.of("src/test/resources/campaigns/two-posts.json"));
        List<Post> reversed = new ArrayList<>(c.posts());
        Collections.reverse(reversed);
        assertThat(evaluator.evaluate(c.withPosts(reversed), pack).findings())
                .containsExactlyInAnyOrderElementsOf(evaluator.evaluate(c, pack).findings());
    }

    @Test
    void evaluationsRunSafelyInParallel() throws Exception {
        Campaign a = specExample();
        Campaign b = new CampaignReader().read(Path.of("src/test/resources/campaigns/two-posts.json"));
        List<Finding> expectedA = evaluator.evaluate(a, pack).findings();
        List<Finding> expectedB = evaluator.evaluate(b, pack).findings();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                boolean useA = i % 2 == 0;
                futures.add(pool.submit(() -> useA
                        ? evaluator.evaluate(a, pack).findings().equals(expectedA)
                        : evaluator.evaluate(b, pack).findings().equals(expectedB)));
            }
            for (Future<Boolean> f : futures) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
