package org.candor.rules.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.candor.rules.BuildProblem;
import org.candor.rules.RuleBuildException;
import org.candor.rules.RuleSetLoader;
import org.candor.rules.TestPacks;
import org.candor.rules.policy.PolicyException;
import org.candor.rules.policy.PolicyProblem;
import org.candor.rules.policy.PolicyTables;
import org.candor.rules.policy.RowOrigin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy tables refuse rows that repeat or contradict another row, naming file and row. */
class PolicyTableChecksTest {

    private static final String TERMS = "terms.table.csv";
    private static final String TERM_TITLES = "\"Term\",\"Meaning\",\"Language\",\"Jurisdiction\",\"Why\"\n";

    /** The smallest tables that build (one clear term, row 2 of {@link #TERMS}), plus more files. */
    private static Map<String, byte[]> tables(String moreTerms, String... more) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(TERMS, (TERM_TITLES + "\"ad\",\"CLEAR\",\"en\",,\n" + moreTerms).getBytes(StandardCharsets.UTF_8));
        files.put(
                "thresholds.table.csv",
                ("\"Threshold\",\"Value\"\n\"BURIED_HASHTAG_RUN\",\"10\"\n\"ADULT_AGE\",\"10\"\n")
                        .getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < more.length; i += 2) {
            files.put(more[i], more[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    private static List<PolicyProblem> problems(Map<String, byte[]> files) {
        PolicyException e = catchThrowableOfType(PolicyException.class, () -> PolicyTables.read(files));
        assertThat(e).as("the policy was expected not to build").isNotNull();
        return e.details();
    }

    @Test
    void anIdenticalTermRowIsADuplicateEvenInOtherCaseAndSpacing() {
        List<PolicyProblem> problems = problems(
                tables("\"paid  Partnership \",\"CLEAR\",\"EN\",,\n\"paid partnership\",\"CLEAR\",\"en\",,\n"));
        assertThat(problems).hasSize(1);
        PolicyProblem p = problems.get(0);
        assertThat(p.origin()).isEqualTo(new RowOrigin(TERMS, null, 4));
        assertThat(p.message())
                .isEqualTo(
                        "duplicate row: the term 'paid partnership' (en, every jurisdiction) is already CLEAR in row 3;"
                                + " delete one of the two rows");
        assertThat(p.toString()).startsWith("terms.table.csv, row 4: duplicate row");
    }

    @Test
    void aTermWithTwoDisclosureMeaningsIsAConflict() {
        assertThat(problems(tables("\"#collab\",\"VAGUE\",\"en\",,\n\"#collab\",\"GIFT\",\"en\",,\n")))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.origin().row()).isEqualTo(4);
                    assertThat(p.message())
                            .startsWith("conflicting rows: the term '#collab' (en, every jurisdiction) is GIFT here but"
                                    + " VAGUE in row 3")
                            .contains("keep one meaning");
                });
    }

    @Test
    void aPhraseMayHaveRowsInOtherFamiliesLanguagesAndJurisdictions() {
        // Patterns are compared as written: case matters in a regular expression.
        Map<String, byte[]> files = tables("\"thanks\",\"VAGUE\",\"en\",,\n"
                + "\"thanks\",\"PERSONAL_USE\",\"en\",,\n"
                + "\"thanks\",\"CLEAR\",\"en\",\"US\",\n"
                + "\"thanks\",\"VAGUE\",\"fr\",,\n"
                + "\"lost \\d+ kg\",\"PERSONAL_RESULT\",\"en\",,\n"
                + "\"lost \\D+ kg\",\"PERSONAL_RESULT\",\"en\",,\n");
        assertThatCode(() -> PolicyTables.read(files)).doesNotThrowAnyException();
    }

    @Test
    void foldRowsAreKeyedByPlatformAndFormat() {
        String folds = "\"Platform\",\"Format\",\"Characters\",\"Line breaks\"\n"
                + "\"INSTAGRAM\",,\"125\",\"2\"\n"
                + "\"instagram\",\"\",\"125\",\"2\"\n"
                + "\"INSTAGRAM\",\"REEL\",\"100\",\"2\"\n"
                + "\"TIKTOK\",,\"100\",\"2\"\n"
                + "\"TIKTOK\",,\"90\",\"2\"\n";
        List<PolicyProblem> problems = problems(tables("", "folds.table.csv", folds));
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
        String more = "\"Threshold\",\"Value\"\n\"BURIED_HASHTAG_RUN\",\"10\"\n\"ADULT_AGE\",\"21\"\n";
        List<PolicyProblem> problems = problems(tables("", "more.table.csv", more));
        assertThat(problems)
                .map(PolicyProblem::toString)
                .containsExactly(
                        "thresholds.table.csv, row 2: duplicate row: BURIED_HASHTAG_RUN is set to 10 here"
                                + " and in more.table.csv row 2; delete one of the two rows",
                        "thresholds.table.csv, row 3: conflicting rows: ADULT_AGE is set to 10 here but"
                                + " to 21 in more.table.csv row 3; keep one value");
    }

    @Test
    void theLoaderReportsEachRepeatedRowWithItsFileAndRow(@TempDir Path dir) throws Exception {
        TestPacks.tablesPlus(dir);
        for (String f :
                List.of("duplicate-terms.table.csv", "duplicate-folds.table.csv", "duplicate-thresholds.table.csv")) {
            Files.write(dir.resolve(f), Fixtures.resource(f));
        }
        RuleBuildException e = catchThrowableOfType(RuleBuildException.class, () -> new RuleSetLoader().load(dir));
        assertThat(e).isNotNull();
        assertThat(e.problems())
                .extracting(BuildProblem::file, BuildProblem::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("duplicate-terms.table.csv", 3),
                        org.assertj.core.groups.Tuple.tuple("duplicate-terms.table.csv", 4),
                        org.assertj.core.groups.Tuple.tuple("duplicate-terms.table.csv", 8),
                        org.assertj.core.groups.Tuple.tuple("duplicate-folds.table.csv", 3),
                        org.assertj.core.groups.Tuple.tuple("duplicate-folds.table.csv", 4),
                        org.assertj.core.groups.Tuple.tuple("thresholds.table.csv", 10),
                        org.assertj.core.groups.Tuple.tuple("thresholds.table.csv", 12));
        assertThat(e.problems().get(0).toString())
                .isEqualTo(
                        "duplicate-terms.table.csv:3: row 3: duplicate row: the term"
                                + " '#Promo   AD' (en, every jurisdiction) is already CLEAR in row 2; delete one of the two rows");
        assertThat(e.problems().get(2).message())
                .contains(
                        "the term 'ad' (en, every jurisdiction) is VAGUE here but CLEAR in disclosure-terms.table.csv row 3");
        assertThat(e.problems().get(4).message())
                .contains("TIKTOK (every format) is 90 characters or 2 line breaks here but 100 characters or 2 line"
                        + " breaks in caption-folds.table.csv row 4");
        assertThat(e.problems().get(6).message())
                .contains("ADULT_AGE is set to 18 here but to 21 in duplicate-thresholds.table.csv row 3");
    }

    @Test
    void theDefaultPackHasNoRepeatedOrConflictingRows() {
        assertThatCode(TestPacks::defaultPack).doesNotThrowAnyException();
        assertThat(TestPacks.defaultPack().policy().terms()).isNotEmpty();
    }
}
