package org.candor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.candor.rules.policy.Meaning;
import org.junit.jupiter.api.Test;

/** The default pack holds every rule of SPEC section 5, each described by its own metadata. */
class DefaultPackTest {

    private static List<String> ids(String prefix, int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> String.format("%s-%03d", prefix, i))
                .toList();
    }

    @Test
    void everySpecRuleIdIsInTheCatalogInOrder() {
        List<String> expected = Stream.of(ids("DISC", 18), ids("ATTR", 4), ids("CLAIM", 13), ids("AUD", 5))
                .flatMap(List::stream)
                .toList();
        assertThat(TestPacks.defaultPack().catalog()).extracting(RuleMeta::id).containsExactlyElementsOf(expected);
    }

    @Test
    void everyRuleCarriesItsMetadata() {
        for (RuleMeta m : TestPacks.defaultPack().catalog()) {
            assertThat(m.title()).as(m.id() + " title").isNotBlank();
            assertThat(m.source()).as(m.id() + " source").isNotBlank();
            assertThat(m.remediation()).as(m.id() + " remediation").isNotBlank();
            assertThat(m.category()).as(m.id() + " category").isNotNull();
            assertThat(m.severity()).as(m.id() + " severity").isNotNull();
            assertThat(m.scopes()).as(m.id() + " scope").isNotEmpty();
            assertThat(m.id())
                    .startsWith(
                            switch (m.category()) {
                                case DISCLOSURE -> "DISC-";
                                case ATTRIBUTION -> "ATTR-";
                                case CLAIMS -> "CLAIM-";
                                case AUDIENCE -> "AUD-";
                            });
        }
    }

    @Test
    void jurisdictionBoundRulesSayWhere() {
        RuleSet pack = TestPacks.defaultPack();
        assertThat(pack.rule("DISC-014").orElseThrow().jurisdictions()).containsExactly("FR");
        assertThat(pack.rule("AUD-003").orElseThrow().jurisdictions()).containsExactly("UK");
        assertThat(pack.rule("CLAIM-010").orElseThrow().jurisdictions()).containsExactly("US", "UK");
        assertThat(pack.rule("DISC-001").orElseThrow().jurisdictions()).isEmpty();
    }

    @Test
    void thePolicyTablesAreReadIntoThePolicy() {
        var policy = TestPacks.defaultPack().policy();
        assertThat(policy.thresholds())
                .containsKeys(
                        "AUDIENCE_OVERCLAIM_PCT",
                        "VERIFICATION_MAX_AGE_DAYS",
                        "FAKE_FOLLOWERS_WARN_PCT",
                        "FAKE_FOLLOWERS_FAIL_PCT",
                        "UNDER18_AUDIENCE_MAX_PCT",
                        "VIDEO_DISCLOSURE_LATEST_SECONDS",
                        "LIVE_DISCLOSURE_REPEAT_SECONDS",
                        "BURIED_HASHTAG_RUN",
                        "UK_YOUNG_PERSON_AGE",
                        "ADULT_AGE");
        assertThat(policy.threshold("VERIFICATION_MAX_AGE_DAYS")).isEqualTo(180.0);
        assertThat(policy.thresholds().get("ADULT_AGE").description()).startsWith("AUD-005");
        assertThat(policy.fold("INSTAGRAM", "FEED").characters()).isEqualTo(125);
        assertThat(policy.fold("INSTAGRAM", "FEED").lineBreaks()).isEqualTo(2);
        assertThat(policy.terms())
                .anySatisfy(t -> {
                    assertThat(t.phrase()).isEqualTo("ad");
                    assertThat(t.meaning()).isEqualTo(Meaning.CLEAR);
                })
                .anySatisfy(t -> {
                    assertThat(t.phrase()).isEqualTo("sponsored");
                    assertThat(t.meaning()).isEqualTo(Meaning.VAGUE);
                    assertThat(t.jurisdiction()).isEqualTo("UK");
                });
        assertThat(policy.knowsLanguage("fr")).isTrue();
        assertThat(policy.knowsLanguage("xx")).isFalse();
    }

    @Test
    void theHashIsStableAcrossBuilds() {
        RuleSet again = new RuleSetLoader().load(TestPacks.DEFAULT);
        assertThat(again.hash()).isEqualTo(TestPacks.defaultPack().hash());
        RuleSetLoader.dispose(again);
    }
}
