package org.candor.rules.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.candor.rules.BuildProblem;
import org.candor.rules.RuleBuildException;
import org.candor.rules.RuleSetLoader;
import org.candor.rules.TestPacks;
import org.candor.rules.policy.PolicyBuilder;
import org.candor.rules.policy.PolicyException;
import org.candor.rules.policy.PolicyProblem;
import org.candor.rules.policy.RowOrigin;
import org.candor.rules.policy.Threshold;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy tables refuse rows that repeat or contradict another row, naming file and row. */
class PolicyTableChecksTest {

    private static final String TERMS = "terms.drl.csv";

    /** A builder with every threshold set and one clear term, as the smallest policy that builds. */
    private static PolicyBuilder builder() {
        PolicyBuilder b = new PolicyBuilder();
        int row = 1;
        for (Threshold t : Threshold.values()) {
            b.atRow(new RowOrigin("thresholds.drl.csv", "Thresholds", row++));
            b.threshold(t.name()).value(10);
        }
        term(b, 1, "ad", "CLEAR", "en", null);
        return b;
    }

    private static void term(
            PolicyBuilder b, int row, String phrase, String meaning, String language, String jurisdiction) {
        b.atRow(new RowOrigin(TERMS, "Terms", row));
        b.term(phrase).meaning(meaning).language(language).jurisdiction(jurisdiction);
    }

    private static void fold(PolicyBuilder b, int row, String platform, String format, int characters, int lines) {
        b.atRow(new RowOrigin("folds.drl.csv", "Folds", row));
        b.fold(platform).format(format).characters(characters).lineBreaks(lines);
    }

    private static List<PolicyProblem> problems(PolicyBuilder b) {
        PolicyException e = catchThrowableOfType(PolicyException.class, b::build);
        assertThat(e).as("the policy was expected not to build").isNotNull();
        return e.details();
    }

    @Test
    void anIdenticalTermRowIsADuplicateEvenInOtherCaseAndSpacing() {
        PolicyBuilder b = builder();
        term(b, 2, "paid  Partnership ", "CLEAR", "EN", null);
        term(b, 3, "paid partnership", "CLEAR", "en", null);
        List<PolicyProblem> problems = problems(b);
        assertThat(problems).hasSize(1);
        PolicyProblem p = problems.get(0);
        assertThat(p.origin()).isEqualTo(new RowOrigin(TERMS, "Terms", 3));
        assertThat(p.message())
                .isEqualTo(
                        "duplicate row: the term 'paid partnership' (en, every jurisdiction) is already CLEAR in row 2;"
                                + " delete one of the two rows");
        assertThat(p.toString()).startsWith("terms.drl.csv, row 3 (table 'Terms'): duplicate row");
    }

    @Test
    void aTermWithTwoDisclosureMeaningsIsAConflict() {
        PolicyBuilder b = builder();
        term(b, 2, "#collab", "VAGUE", "en", null);
        term(b, 3, "#collab", "GIFT", "en", null);
        assertThat(problems(b)).singleElement().satisfies(p -> {
            assertThat(p.origin().row()).isEqualTo(3);
            assertThat(p.message())
                    .startsWith("conflicting rows: the term '#collab' (en, every jurisdiction) is GIFT here but"
                            + " VAGUE in row 2")
                    .contains("keep one meaning");
        });
    }

    @Test
    void aPhraseMayHaveRowsInOtherFamiliesLanguagesAndJurisdictions() {
        PolicyBuilder b = builder();
        term(b, 2, "thanks", "VAGUE", "en", null);
        term(b, 3, "thanks", "PERSONAL_USE", "en", null);
        term(b, 4, "thanks", "CLEAR", "en", "US");
        term(b, 5, "thanks", "VAGUE", "fr", null);
        // Patterns are compared as written: case matters in a regular expression.
        term(b, 6, "lost \\d+ kg", "PERSONAL_RESULT", "en", null);
        term(b, 7, "lost \\D+ kg", "PERSONAL_RESULT", "en", null);
        assertThatCode(b::build).doesNotThrowAnyException();
    }

    @Test
    void foldRowsAreKeyedByPlatformAndFormat() {
        PolicyBuilder b = builder();
        fold(b, 2, "INSTAGRAM", null, 125, 2);
        fold(b, 3, "instagram", "", 125, 2);
        fold(b, 4, "INSTAGRAM", "REEL", 100, 2);
        fold(b, 5, "TIKTOK", null, 100, 2);
        fold(b, 6, "TIKTOK", null, 90, 2);
        List<PolicyProblem> problems = problems(b);
        assertThat(problems).extracting(p -> p.origin().row()).containsExactly(3, 6);
        assertThat(problems.get(0).message())
                .isEqualTo("duplicate row: the caption fold of INSTAGRAM (every format) is already set in row 2;"
                        + " delete one of the two rows");
        assertThat(problems.get(1).message())
                .isEqualTo("conflicting rows: the caption fold of TIKTOK (every format) is 90 characters or 2 line"
                        + " breaks here but 100 characters or 2 line breaks in row 5; keep one");
    }

    @Test
    void aThresholdSetTwiceIsADuplicateOrAConflictNamingTheOtherRow() {
        PolicyBuilder b = builder();
        b.atRow(new RowOrigin("more.drl.csv", "More", 4));
        b.threshold("BURIED_HASHTAG_RUN").value(10);
        b.atRow(new RowOrigin("more.drl.csv", "More", 5));
        b.threshold("ADULT_AGE").value(21);
        List<PolicyProblem> problems = problems(b);
        assertThat(problems)
                .map(PolicyProblem::toString)
                .containsExactly(
                        "thresholds.drl.csv, row 8 (table 'Thresholds'): duplicate row: BURIED_HASHTAG_RUN is set to 10 here"
                                + " and in more.drl.csv row 4; delete one of the two rows",
                        "thresholds.drl.csv, row 10 (table 'Thresholds'): conflicting rows: ADULT_AGE is set to 10 here but"
                                + " to 21 in more.drl.csv row 5; keep one value");
    }

    @Test
    void theLoaderReportsEachRepeatedRowWithItsFileAndRow(@TempDir Path dir) throws Exception {
        TestPacks.tablesPlus(dir);
        for (String f : List.of("duplicate-terms.drl.csv", "duplicate-folds.drl.csv", "duplicate-thresholds.drl.csv")) {
            Files.write(dir.resolve(f), Fixtures.resource(f));
        }
        RuleBuildException e = catchThrowableOfType(RuleBuildException.class, () -> new RuleSetLoader().load(dir));
        assertThat(e).isNotNull();
        assertThat(e.problems())
                .extracting(BuildProblem::file, BuildProblem::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("duplicate-terms.drl.csv", 13),
                        org.assertj.core.groups.Tuple.tuple("duplicate-terms.drl.csv", 14),
                        org.assertj.core.groups.Tuple.tuple("duplicate-terms.drl.csv", 18),
                        org.assertj.core.groups.Tuple.tuple("duplicate-folds.drl.csv", 13),
                        org.assertj.core.groups.Tuple.tuple("duplicate-folds.drl.csv", 14),
                        org.assertj.core.groups.Tuple.tuple("thresholds.drl.csv", 20),
                        org.assertj.core.groups.Tuple.tuple("thresholds.drl.csv", 22));
        assertThat(e.problems().get(0).toString())
                .isEqualTo(
                        "duplicate-terms.drl.csv:13: row 13 of table 'Promo terms': duplicate row: the term"
                                + " '#Promo   AD' (en, every jurisdiction) is already CLEAR in row 12; delete one of the two rows");
        assertThat(e.problems().get(2).message())
                .contains(
                        "the term 'ad' (en, every jurisdiction) is VAGUE here but CLEAR in disclosure-terms.drl.csv row 13");
        assertThat(e.problems().get(4).message())
                .contains("TIKTOK (every format) is 90 characters or 2 line breaks here but 100 characters or 2 line"
                        + " breaks in caption-folds.drl.csv row 14");
        assertThat(e.problems().get(6).message())
                .contains("ADULT_AGE is set to 18 here but to 21 in duplicate-thresholds.drl.csv row 13");
    }

    @Test
    void theDefaultPackHasNoRepeatedOrConflictingRows() {
        assertThatCode(TestPacks::defaultPack).doesNotThrowAnyException();
        assertThat(TestPacks.defaultPack().policy().terms()).isNotEmpty();
    }
}
