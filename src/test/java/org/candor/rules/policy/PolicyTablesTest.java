package org.candor.rules.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.rules.BuildProblem;
import org.candor.rules.RuleBuildException;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;
import org.candor.rules.TestPacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policy tables are data: every cell is read as a value of its column's type, a bad cell is a
 * problem naming file, row and column, and nothing in a cell runs. Decision tables, whose cells
 * were pasted into code, are refused.
 */
class PolicyTablesTest {

    private final RuleSetLoader loader = new RuleSetLoader();

    /** A cell that closed the generated call and created a file when it was pasted into a rule. */
    private static String payload(Path marker) {
        return "3); new java.io.File(\"" + marker + "\").createNewFile(";
    }

    private static String csvCell(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static List<BuildProblem> problems(RuleSetLoader loader, Path dir) {
        RuleBuildException e = catchThrowableOfType(RuleBuildException.class, () -> loader.load(dir));
        assertThat(e).as("the build was expected to fail").isNotNull();
        return e.problems();
    }

    @Test
    void codeInAThresholdValueIsABadNumberAndNeverRuns(@TempDir Path dir, @TempDir Path tmp) throws Exception {
        Path marker = tmp.resolve("m");
        TestPacks.copyOfDefault(dir);
        Path thresholds = dir.resolve("thresholds.table.csv");
        String table = Files.readString(thresholds)
                .replace("\"BURIED_HASHTAG_RUN\",\"3\"", "\"BURIED_HASHTAG_RUN\"," + csvCell(payload(marker)));
        Files.writeString(thresholds, table);

        assertThat(problems(loader, dir)).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("thresholds.table.csv");
            assertThat(p.line()).isEqualTo(10);
            assertThat(p.column()).isEqualTo(2);
            assertThat(p.message())
                    .startsWith("row 10, column B 'Value': '3); new java.io.File(")
                    .endsWith("is not a number of 0 or more, such as 10 or 2.5");
        });
        assertThat(marker).doesNotExist();
    }

    @Test
    void codeInAWorkbookValueCellIsABadNumberAndNeverRuns(@TempDir Path dir, @TempDir Path tmp) throws Exception {
        Path marker = tmp.resolve("m");
        TestPacks.copyOfDefault(dir);
        Files.delete(dir.resolve("thresholds.table.csv"));
        List<String> lines = Files.readAllLines(TestPacks.DEFAULT.resolve("thresholds.table.csv"));
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet("Thresholds");
            int r = 0;
            for (String line : lines) {
                Row row = sheet.createRow(r++);
                String[] cells = line.substring(1, line.length() - 1).split("\",\"");
                for (int c = 0; c < cells.length; c++) {
                    row.createCell(c).setCellValue(cells[c]);
                }
            }
            sheet.getRow(9).getCell(1).setCellValue(payload(marker));
            sheet.getRow(10).getCell(1).setCellValue(25.0);
            Files.write(dir.resolve("thresholds.table.xlsx"), bytes(wb));
        }

        assertThat(problems(loader, dir)).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("thresholds.table.xlsx");
            assertThat(p.line()).isEqualTo(10);
            assertThat(p.column()).isEqualTo(2);
            assertThat(p.message()).startsWith("sheet 'Thresholds', row 10, column B 'Value': '3); new java.io.File(");
        });
        assertThat(marker).doesNotExist();
    }

    @Test
    void aWorkbookTableBuildsWithNumberCells(@TempDir Path dir) throws Exception {
        TestPacks.tablesPlus(dir);
        Files.delete(dir.resolve("caption-folds.table.csv"));
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet("Folds");
            sheet.createRow(0).createCell(0).setCellValue("Notes");
            sheet.getRow(0).createCell(1).setCellValue("Previews");
            Row titles = sheet.createRow(2);
            String[] t = {"Platform", "Format", "Characters", "Line breaks", "Why"};
            for (int c = 0; c < t.length; c++) {
                titles.createCell(c).setCellValue(t[c]);
            }
            Row row = sheet.createRow(3);
            row.createCell(0).setCellValue("instagram");
            row.createCell(2).setCellValue(125);
            row.createCell(3).setCellValue(2);
            Files.write(dir.resolve("folds.table.xlsx"), bytes(wb));
        }
        RuleSet built = loader.load(dir);
        try {
            assertThat(built.policy().fold("INSTAGRAM", "FEED")).isEqualTo(new Fold("INSTAGRAM", "*", 125, 2));
        } finally {
            RuleSetLoader.dispose(built);
        }
    }

    @Test
    void aFormulaCellIsRefused(@TempDir Path dir) throws Exception {
        TestPacks.tablesPlus(dir);
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet("More");
            sheet.createRow(0).createCell(0).setCellValue("Threshold");
            sheet.getRow(0).createCell(1).setCellValue("Value");
            sheet.createRow(1).createCell(0).setCellValue("EXTRA");
            sheet.getRow(1).createCell(1).setCellFormula("1+2");
            Files.write(dir.resolve("more.table.xlsx"), bytes(wb));
        }
        assertThat(problems(loader, dir))
                .singleElement()
                .extracting(BuildProblem::toString)
                .isEqualTo("more.table.xlsx:2:2: sheet 'More', row 2, column B 'Value': a formula; type the value"
                        + " itself, policy tables are not computed");
    }

    @Test
    void everyBadCellIsNamedWithItsColumnAndTheValuesItMayHold() {
        String terms = "\"Notes\",\"a test table\"\n"
                + "\"Term\",\"Meaning\",\"Language\",\"Jurisdiction\",\"Why\"\n"
                + "\"ad\",\"CLEAR\",\"en\",,\n"
                + "\"#x\",\"SORT_OF\",\"en\",,\n"
                + "\"#y\",\"CLEAR\",\"english\",\"usa\",\n"
                + ",\"CLEAR\",\"en\",,\n"
                + "\"(a)\\1\",\"PERSONAL_RESULT\",\"en\",,\n"
                + "\"#z\",\"CLEAR\",\"en\",,,\"stray\"\n";
        String folds =
                "\"Platform\",\"Format\",\"Characters\",\"Line breaks\"\n" + "\"MYSPACE\",\"REEL\",\"0\",\"two\"\n";
        PolicyException e = catchThrowableOfType(
                PolicyException.class,
                () -> PolicyTables.read(Map.of(
                        "t.table.csv", terms.getBytes(StandardCharsets.UTF_8),
                        "f.table.csv", folds.getBytes(StandardCharsets.UTF_8))));
        assertThat(e.problems())
                .containsExactly(
                        "f.table.csv, row 2, column A 'Platform': 'MYSPACE' is not one of [INSTAGRAM, TIKTOK, YOUTUBE, X,"
                                + " FACEBOOK, LINKEDIN, PINTEREST, TWITCH, SNAPCHAT, BLOG, PODCAST, OTHER]",
                        "f.table.csv, row 2, column C 'Characters': '0' is not a whole number above 0, such as 125",
                        "f.table.csv, row 2, column D 'Line breaks': 'two' is not a whole number above 0, such as 125",
                        "t.table.csv, row 4, column B 'Meaning': 'SORT_OF' is not one of "
                                + java.util.Arrays.toString(Meaning.values()),
                        "t.table.csv, row 5, column C 'Language': 'english' is not a language code such as en, fr, de,"
                                + " or * for every language",
                        "t.table.csv, row 5, column D 'Jurisdiction': 'usa' is not a jurisdiction code such as US, UK,"
                                + " FR, EU",
                        "t.table.csv, row 6, column A 'Term': the term is empty; it needs text",
                        "t.table.csv, row 7, column A 'Term': not a valid pattern: invalid escape sequence at '\\1'"
                                + " (patterns run on a linear-time engine: back-references, look-ahead and look-behind,"
                                + " possessive quantifiers are not available)",
                        "t.table.csv, row 8, column F: a value in a column without a title; give the column a title or"
                                + " empty the cell");
    }

    @Test
    void aTitleRowMustNameTheColumnsOfAKnownTable() {
        String bad = "\"Notes\",\"x\"\n\"Word\",\"Meaning\"\n\"ad\",\"CLEAR\"\n";
        String missing = "\"Threshold\",\"Amount\"\n\"X\",\"1\"\n";
        PolicyException e = catchThrowableOfType(
                PolicyException.class,
                () -> PolicyTables.read(Map.of(
                        "a.table.csv", bad.getBytes(StandardCharsets.UTF_8),
                        "b.table.csv", missing.getBytes(StandardCharsets.UTF_8))));
        assertThat(e.problems())
                .anySatisfy(p -> assertThat(p)
                        .startsWith("a.table.csv, row 2, column A: 'Word' does not start a title row")
                        .contains("a terms table (Term, Meaning, Language, Jurisdiction, Why)"))
                .anySatisfy(p -> assertThat(p)
                        .isEqualTo("b.table.csv, row 1, column B 'Amount': not a column of a thresholds table"
                                + " (Threshold, Value, Why)"))
                .anySatisfy(p -> assertThat(p)
                        .isEqualTo("b.table.csv, row 1: the title row lacks the column 'Value' of a thresholds table"
                                + " (Threshold, Value, Why)"));
    }

    @Test
    void aDroolsDecisionTableIsRefusedWithHowToConvertItAndNeverRuns(@TempDir Path dir, @TempDir Path tmp)
            throws Exception {
        Path marker = tmp.resolve("m");
        TestPacks.copyOfDefault(dir);
        String legacy = "\"RuleSet\",\"candor.policy\"\n"
                + "\"Import\",\"org.candor.rules.policy.PolicyBuilder\"\n"
                + "\"Variables\",\"org.candor.rules.policy.PolicyBuilder policy\"\n"
                + ",,\n\"RuleTable Thresholds\",,\n\"ACTION\",\"ACTION\",\"DESCRIPTION\"\n,,\n"
                + "\"policy.threshold(\"\"$param\"\");\",\"System.out.println($param);\",\n"
                + "\"Threshold\",\"Value\",\"What it means\"\n"
                + "\"ADULT_AGE\"," + csvCell(payload(marker)) + ",\"x\"\n";
        Files.writeString(dir.resolve("old-limits.drl.csv"), legacy);
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            wb.createSheet("Tables").createRow(0).createCell(0).setCellValue("RuleSet");
            Files.write(dir.resolve("old-terms.drl.xlsx"), bytes(wb));
        }
        assertThat(problems(loader, dir))
                .filteredOn(p -> p.message().startsWith("Drools decision tables are no longer read"))
                .extracting(BuildProblem::file, BuildProblem::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("old-limits.drl.csv", 0),
                        org.assertj.core.groups.Tuple.tuple("old-terms.drl.xlsx", 0));
        assertThatThrownBy(() -> loader.load(dir))
                .hasMessageContaining("Drools decision tables are no longer read")
                .hasMessageContaining("rename the file to old-limits.table.csv")
                .hasMessageContaining("rename the file to old-terms.table.xlsx")
                .hasMessageContaining("then delete old-limits.drl.csv");
        assertThat(marker).doesNotExist();
    }

    @Test
    void theRuleSetHashCoversTheTables(@TempDir Path a, @TempDir Path b) throws Exception {
        TestPacks.tablesPlus(a);
        TestPacks.tablesPlus(b);
        Path t = b.resolve("thresholds.table.csv");
        Files.writeString(
                t, Files.readString(t).replace("\"BURIED_HASHTAG_RUN\",\"3\"", "\"BURIED_HASHTAG_RUN\",\"4\""));
        assertThat(RuleSetLoader.hash(RuleSetLoader.readFolder(a)))
                .isNotEqualTo(RuleSetLoader.hash(RuleSetLoader.readFolder(b)));
        assertThat(RuleSetLoader.readFolder(a)).containsKeys("thresholds.table.csv", "claim-phrases.table.csv");
    }

    @Test
    void aThresholdNameOnlyARuleKnowsIsNamedAtItsLine(@TempDir Path dir) throws Exception {
        TestPacks.tablesPlus(dir);
        Files.writeString(
                dir.resolve("x.drl"),
                "package x;\nimport org.candor.evaluation.facts.*;\n\nrule \"x\"\n"
                        + "  @id(\"TEST-090\") @title(\"t\") @category(\"DISCLOSURE\") @severity(\"WARN\")\n"
                        + "  @source(\"s\") @remediation(\"r\") @scope(\"POST\")\nwhen\n"
                        + "  $l : Limits( get(\"NO_SUCH\") > 1 )\nthen\nend\n");
        assertThat(problems(loader, dir))
                .extracting(BuildProblem::toString)
                .containsExactly("x.drl:8:16: the rule reads the threshold 'NO_SUCH', but no thresholds table has a row"
                        + " named NO_SUCH; add the row or use one of [AUDIENCE_OVERCLAIM_PCT, VERIFICATION_MAX_AGE_DAYS,"
                        + " FAKE_FOLLOWERS_WARN_PCT, FAKE_FOLLOWERS_FAIL_PCT, UNDER18_AUDIENCE_MAX_PCT,"
                        + " VIDEO_DISCLOSURE_LATEST_SECONDS, LIVE_DISCLOSURE_REPEAT_SECONDS, BURIED_HASHTAG_RUN,"
                        + " UK_YOUNG_PERSON_AGE, ADULT_AGE]");
    }

    private static byte[] bytes(XSSFWorkbook wb) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wb.write(out);
        return out.toByteArray();
    }
}
