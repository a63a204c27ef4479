package org.candor.rules.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.candor.cli.CandorCli;
import org.candor.rules.RuleSetLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code candor rules validate} and {@code candor rules diff}: what they print and how they exit. */
class RulesCliTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CandorCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void validatePrintsOkWithTheHashAndRuleCount(@TempDir Path dir) {
        Fixtures.copyOfRules(dir);
        Run r = run("rules", "validate", dir.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(CandorCli.PASS);
        String hash = RuleSetLoader.hash(RuleSetLoader.readFolder(dir));
        assertThat(r.out().strip()).matches("OK " + hash + " \\(\\d+ rules, 8 files\\)");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void validatePrintsEveryProblemAsFileLineColumnAndExitsTwo(@TempDir Path dir) throws Exception {
        Fixtures.smallPack(dir);
        Files.write(dir.resolve("broken.drl"), Fixtures.resource("broken.drl"));
        Files.write(dir.resolve("duplicate-thresholds.table.csv"), Fixtures.resource("duplicate-thresholds.table.csv"));
        Run r = run("rules", "validate", dir.toString());
        assertThat(r.code()).isEqualTo(CandorCli.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).anyMatch(l -> l.matches("broken\\.drl:7:\\d+: .+"));
        assertThat(r.err().lines().toList().get(r.err().lines().toList().size() - 1))
                .matches("\\d+ problems? in .+");
    }

    @Test
    void validateReportsATableRowByFileAndRow(@TempDir Path dir) throws Exception {
        Fixtures.smallPack(dir);
        Files.write(dir.resolve("duplicate-thresholds.table.csv"), Fixtures.resource("duplicate-thresholds.table.csv"));
        Run r = run("rules", "validate", dir.toString());
        assertThat(r.code()).isEqualTo(CandorCli.BAD_INPUT);
        assertThat(r.err().lines())
                .contains(
                        "thresholds.table.csv:10: row 10: duplicate row: BURIED_HASHTAG_RUN is set to 3"
                                + " here and in duplicate-thresholds.table.csv row 2; delete one of the two rows",
                        "thresholds.table.csv:12: row 12: conflicting rows: ADULT_AGE is set to 18 here"
                                + " but to 21 in duplicate-thresholds.table.csv row 3; keep one value");
    }

    @Test
    void validateOfAMissingFolderExitsTwo(@TempDir Path dir) {
        Run r = run("rules", "validate", dir.resolve("nope").toString());
        assertThat(r.code()).isEqualTo(CandorCli.BAD_INPUT);
        assertThat(r.err()).contains("does not exist");
    }

    @Test
    void diffOfTheSameRulesExitsZero(@TempDir Path root) {
        Path a = Fixtures.smallPack(root.resolve("a"));
        Path b = Fixtures.smallPack(root.resolve("b"));
        Run r = run("rules", "diff", a.toString(), b.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(CandorCli.PASS);
        assertThat(r.out()).contains("Rules: 0 added, 0 removed, 0 changed", "Files: 0 differ");
    }

    @Test
    void diffPrintsTheCatalogAndEachFileAndExitsOne(@TempDir Path root) throws Exception {
        Path a = Fixtures.smallPack(root.resolve("a"));
        Path b = Fixtures.smallPack(root.resolve("b"));
        Path thresholds = b.resolve("thresholds.table.csv");
        Fixtures.write(thresholds, Fixtures.withThreshold(Fixtures.read(thresholds), "BURIED_HASHTAG_RUN", "4"));
        Path claims = b.resolve("claims.drl");
        Fixtures.write(
                claims,
                Fixtures.read(claims)
                        .replace(
                                "@title(\"Audience overstated\")",
                                "@title(\"Audience claimed above the verified figure\")"));
        Files.write(b.resolve("extra-terms.table.csv"), Fixtures.resource("extra-terms.table.csv"));

        Run r = run("rules", "diff", a.toString(), b.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(CandorCli.FAIL);
        assertThat(r.out().lines())
                .contains(
                        "Rules: 0 added, 0 removed, 1 changed",
                        "Files: 3 differ",
                        "~ rule CLAIM-001 title: Audience overstated → Audience claimed above the verified figure",
                        "changed claims.drl",
                        "    --- a/claims.drl",
                        "    -    @title(\"Audience overstated\")",
                        "    +    @title(\"Audience claimed above the verified figure\")",
                        "added extra-terms.table.csv",
                        "changed thresholds.table.csv",
                        "    thresholds.table.csv!B10: '3' → '4'");
    }

    @Test
    void diffWithAFolderThatDoesNotBuildStillShowsTheFilesAndExitsTwo(@TempDir Path root) throws Exception {
        Path a = Fixtures.smallPack(root.resolve("a"));
        Path b = Fixtures.smallPack(root.resolve("b"));
        Files.write(b.resolve("broken.drl"), Fixtures.resource("broken.drl"));
        Run r = run("rules", "diff", a.toString(), b.toString());
        assertThat(r.code()).isEqualTo(CandorCli.BAD_INPUT);
        assertThat(r.out()).contains("(does not build)", "added broken.drl");
        assertThat(r.err()).contains("do not build", "broken.drl:7:");
    }
}
