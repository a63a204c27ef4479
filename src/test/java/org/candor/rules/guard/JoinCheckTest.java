package org.candor.rules.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.candor.evaluation.facts.CampaignFacts;
import org.candor.rules.BuildProblem;
import org.junit.jupiter.api.Test;

/**
 * A rule whose patterns are not joined makes every combination of their facts before a firing
 * limit or a deadline can stop it: such a rule is refused before it goes live, naming the rule and
 * the patterns; rules whose patterns are joined by an equality, or that add no combinations, pass.
 */
class JoinCheckTest {

    private final RuleGuard guard = new RuleGuard();

    private List<BuildProblem> check(String conditions) {
        String drl = """
                package candor.joins;

                import org.candor.evaluation.facts.*;

                global org.candor.evaluation.FindingCollector findings;

                rule "JOIN-001 joined or not"
                when
                %s
                then
                    findings.report(kcontext, "campaign", "a match", "");
                end
                """.formatted(conditions);
        return guard.check(Map.of("joins.drl", drl.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> messages(List<BuildProblem> problems) {
        return problems.stream().map(BuildProblem::message).toList();
    }

    @Test
    void aPairOfUnjoinedPostsIsRefusedNamingTheRuleThePatternsAndTheFix() {
        List<BuildProblem> problems = check("""
                    $a : PostFact()
                    $b : PostFact()
                """);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("joins.drl");
            assertThat(p.line()).isEqualTo(7);
            assertThat(p.message())
                    .startsWith("rule \"JOIN-001 joined or not\": the patterns")
                    .contains("$a : PostFact (line 9), $b : PostFact (line 10)")
                    .contains("refused")
                    .contains("(n × n)")
                    .contains("narrow $b with an equality on an earlier binding, e.g. influencer == $a.influencer");
        });
    }

    @Test
    void aTripleIsRefusedWithEveryFreePattern() {
        assertThat(messages(check("""
                    $a : PostFact()
                    $b : PostFact()
                    $c : PostFact()
                """)))
                .singleElement()
                .asString()
                .contains("$a : PostFact (line 9), $b : PostFact (line 10), $c : PostFact (line 11)")
                .contains("(n × n × n)");
    }

    @Test
    void aJoinOfTwoFactTypesIsRefusedToo() {
        assertThat(messages(check("""
                    $i : InfluencerFact()
                    ClaimFact( verified )
                """)))
                .singleElement()
                .asString()
                .contains("$i : InfluencerFact (line 9), ClaimFact (line 10)")
                .contains("narrow ClaimFact with an equality on an earlier binding, e.g. influencer == $i ");
    }

    /** {@code !=} leaves n × (n - 1) combinations, {@code <} half of them: neither narrows. */
    @Test
    void inequalitiesAndOrderingsDoNotJoin() {
        assertThat(check("""
                    $a : PostFact()
                    $b : PostFact( this != $a )
                """))
                .singleElement()
                .extracting(BuildProblem::message)
                .asString()
                .contains("$b : PostFact");
        assertThat(check("""
                    $a : PostFact()
                    $b : PostFact( id > $a.id )
                """)).hasSize(1);
        assertThat(check("""
                    $a : PostFact()
                    $b : PostFact( influencer == $a.influencer || connected )
                """)).hasSize(1);
    }

    @Test
    void anEqualityWithAnEarlierBindingJoins() {
        assertThat(check("""
                    $a : PostFact()
                    $b : PostFact( influencer == $a.influencer )
                    $c : PostFact( connected, $b.influencer == influencer )
                """)).isEmpty();
        assertThat(check("""
                    $i : InfluencerFact()
                    $p : PostFact( this != null && influencer == $i )
                """)).isEmpty();
        assertThat(check("""
                    $a : PostFact( $who : influencer )
                    $b : PostFact( $same : influencer == $who, this != $a )
                """)).isEmpty();
    }

    @Test
    void anEqualityWithAConstantOrTheFactItselfDoesNotJoin() {
        assertThat(check("""
                    $a : PostFact()
                    $b : PostFact( $a.id == "p1" )
                """)).hasSize(1);
        assertThat(check("""
                    $a : PostFact()
                    $b : PostFact( format == $a.format )
                    $c : PostFact( platform == null )
                """))
                .singleElement()
                .extracting(BuildProblem::message)
                .asString()
                .contains("$a : PostFact (line 9), $c : PostFact (line 11)");
    }

    @Test
    void factsOfWhichACampaignHasOneDoNotMultiply() {
        assertThat(check("""
                    $l : Limits()
                    $c : CampaignFact()
                    $p : PostFact( connected )
                """)).isEmpty();
        // An equality with the campaign does not join two posts to each other.
        assertThat(check("""
                    $c : CampaignFact()
                    $a : PostFact( language == $c.brand )
                    $b : PostFact( language == $c.brand )
                """)).hasSize(1);
    }

    @Test
    void notExistsForallAccumulateCollectAndFromAddNoCombinations() {
        assertThat(check("""
                    $a : PostFact()
                    not PostFact( this != $a, connected )
                    exists PostFact( this != $a )
                    forall( $x : PostFact( connected ) PostFact( this == $x ) )
                """)).isEmpty();
        assertThat(check("""
                    $a : PostFact()
                    $n : Number() from accumulate( PostFact( connected ), count(1) )
                    $all : java.util.List() from collect( PostFact( ) )
                    $h : Hit() from $a.hits
                """)).isEmpty();
    }

    @Test
    void aCrossProductInOneBranchOfAnOrIsRefused() {
        assertThat(check("""
                    $a : PostFact()
                    ( $b : PostFact( influencer == $a.influencer ) or $b : PostFact( connected ) )
                """))
                .singleElement()
                .extracting(BuildProblem::message)
                .asString()
                .contains("$a : PostFact (line 9), $b : PostFact (line 10)");
        assertThat(check("""
                    ( $a : PostFact( connected ) or $a : PostFact( affiliate ) )
                    $b : PostFact( influencer == $a.influencer )
                """)).isEmpty();
    }

    @Test
    void conditionsWithMoreAlternativesThanCanBeCheckedAreRefusedNotCheckedInPart() {
        String joinedPair = "    ( PostFact( influencer == $a.influencer, connected )"
                + " or PostFact( influencer == $a.influencer, affiliate ) )\n";
        // eight or's of two branches: 256 alternatives, each checked, each joined
        assertThat(check("    $a : PostFact()\n" + joinedPair.repeat(8))).isEmpty();
        // nine: 512, more than can be checked one by one, so the rule is refused rather than half-checked
        assertThat(messages(check("    $a : PostFact()\n" + joinedPair.repeat(9))))
                .singleElement()
                .asString()
                .contains("more than " + JoinCheck.MAX_ALTERNATIVES + " alternatives")
                .contains("split the rule");
    }

    /** The types the check counts as one per campaign are those {@link CampaignFacts} holds one of. */
    @Test
    void theOnePerCampaignTypesAreThoseACampaignHasOneOf() {
        assertThat(Arrays.stream(CampaignFacts.class.getRecordComponents())
                        .map(RecordComponent::getType)
                        .filter(t -> !List.class.isAssignableFrom(t))
                        .map(Class::getName)
                        .collect(Collectors.toSet()))
                .isEqualTo(JoinCheck.ONE_PER_CAMPAIGN);
    }
}
