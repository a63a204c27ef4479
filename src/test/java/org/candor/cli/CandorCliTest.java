package org.candor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process: exit codes, what it prints, the files it writes. */
class CandorCliTest {

    private static final String SPEC_EXAMPLE = "src/test/resources/campaigns/spec-example.json";

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CandorCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void checkWritesOneWorkbookPerCampaignAndExitsOneWhenAnyFails(@TempDir Path out) throws Exception {
        Run r = run("check", SPEC_EXAMPLE, "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(CandorCli.FAIL);
        assertThat(r.out().lines().toList()).singleElement().satisfies(line -> {
            assertThat(line).startsWith("ACME-SPRING-26").contains("FAIL").contains("3 FAIL, 0 WARN, 0 INFO");
            assertThat(line).endsWith(".xlsx");
        });
        Path report = Path.of(r.out().strip().substring(r.out().strip().lastIndexOf(' ') + 1));
        assertThat(report.getParent()).isEqualTo(out);
        try (XSSFWorkbook wb = new XSSFWorkbook(report.toFile())) {
            assertThat(wb.getSheet("Findings").getPhysicalNumberOfRows()).isEqualTo(4);
        }
    }

    @Test
    void checkExitsZeroWhenEveryCampaignPasses(@TempDir Path out) throws Exception {
        Run r = run("check", "src/test/resources/cli/passing.json", "--out", out.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(CandorCli.PASS);
        assertThat(r.out()).contains("PASS");
    }

    @Test
    void jsonFormatPrintsTheResultWithEveryFindingField() throws Exception {
        Run r = run("check", SPEC_EXAMPLE, "--format", "json");
        assertThat(r.code()).isEqualTo(CandorCli.FAIL);
        JsonNode result = Json.MAPPER.readTree(r.out()).path("results").get(0);
        assertThat(result.path("verdict").asText()).isEqualTo("FAIL");
        assertThat(result.path("ruleSetHash").asText()).hasSize(64);
        assertThat(result.path("asOf").asText()).isEqualTo("2026-10-01T09:00:00Z");
        JsonNode finding = result.path("findings").get(0);
        for (String field : new String[] {
            "ruleId", "title", "category", "severity", "subject", "message", "evidence", "source", "remediation"
        }) {
            assertThat(finding.has(field)).as(field).isTrue();
        }
        assertThat(result.path("posts").get(0).path("verdict").asText()).isEqualTo("FAIL");
        assertThat(result.path("influencers").get(0).path("subject").asText()).isEqualTo("influencer:jane.doe");
    }

    @Test
    void anInvalidCampaignExitsTwoListingEveryProblemByPath(@TempDir Path out) {
        Run r = run("check", "src/test/resources/cli/invalid.json", "--out", out.toString());
        assertThat(r.code()).isEqualTo(CandorCli.BAD_INPUT);
        assertThat(r.err())
                .contains("$.reference")
                .contains("$.posts[0].influencer")
                .contains("$.influencers[0].audience.followers");
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void aFolderIsCheckedFileByFileAndBadInputWinsOverFail(@TempDir Path dir) throws Exception {
        Files.copy(Path.of(SPEC_EXAMPLE), dir.resolve("a.json"));
        Files.copy(Path.of("src/test/resources/cli/invalid.json"), dir.resolve("b.json"));
        Run r = run("check", dir.toString(), "--out", dir.resolve("out").toString());
        assertThat(r.code()).isEqualTo(CandorCli.BAD_INPUT);
        assertThat(r.out()).contains("ACME-SPRING-26");
        assertThat(r.err()).contains("b.json: rejected");
    }

    @Test
    void aCheckOfManyCampaignsSaysWhereItIsAndSumsUpOnStandardError(@TempDir Path dir) throws Exception {
        Files.copy(Path.of(SPEC_EXAMPLE), dir.resolve("a.json"));
        Files.copy(Path.of("src/test/resources/cli/invalid.json"), dir.resolve("b.json"));
        Files.copy(Path.of("src/test/resources/cli/passing.json"), dir.resolve("c.json"));
        Run r = run("check", dir.toString(), "--format", "json");
        assertThat(r.code()).isEqualTo(CandorCli.BAD_INPUT);
        assertThat(r.err().lines().toList())
                .anySatisfy(l ->
                        assertThat(l).matches("rules: 40 from rules, rule set [0-9a-f]{12}, ready in \\d+\\.\\d s"))
                .contains("[1/3] " + dir.resolve("a.json") + " FAIL")
                .contains("[2/3] " + dir.resolve("b.json") + " rejected")
                .contains("[3/3] " + dir.resolve("c.json") + " PASS")
                .last()
                .satisfies(l -> assertThat(l)
                        .matches("3 campaign\\(s\\) in \\d+\\.\\d s: 1 PASS, 1 FAIL, 1 rejected, 0 stopped"));
        // Standard output stays the one JSON document.
        assertThat(Json.MAPPER.readTree(r.out()).path("campaigns").asInt()).isEqualTo(2);
    }

    @Test
    void aMissingFileOrRulesFolderIsBadInput() {
        assertThat(run("check", "no/such/file.json").code()).isEqualTo(CandorCli.BAD_INPUT);
        Run r = run("check", SPEC_EXAMPLE, "--rules", "no/such/rules");
        assertThat(r.code()).isEqualTo(CandorCli.BAD_INPUT);
        assertThat(r.err()).contains("do not build").contains("does not exist");
        assertThat(run("check").code()).as("no file given").isEqualTo(CandorCli.BAD_INPUT);
        assertThat(run("check", SPEC_EXAMPLE, "--format", "pdf").code()).isEqualTo(CandorCli.BAD_INPUT);
    }

    @Test
    void rulesListPrintsTheCatalogFromTheRulesMetadata() throws Exception {
        Run text = run("rules", "list");
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("DISC-001").contains("AUD-005").contains("FTC 16 CFR 255.5");
        Run json = run("rules", "list", "--format", "json");
        JsonNode catalog = Json.MAPPER.readTree(json.out());
        assertThat(catalog.path("rules")).hasSize(40);
        assertThat(catalog.path("rules").get(0).path("id").asText()).isEqualTo("DISC-001");
        assertThat(catalog.path("rules").get(0).path("remediation").asText()).isNotBlank();
    }

    @Test
    void rulesTestEndsWithTheCountLine() {
        Run r = run("rules", "test");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out().strip().lines().reduce((a, b) -> b).orElseThrow()).matches("\\d+ passed, 0 failed");
    }

    @Test
    void rulesTestPrintsTheSameWhetherItRunsOneCaseAtATimeOrSeveral() {
        Run serial = run("rules", "test", "--threads", "1");
        Run parallel = run("rules", "test", "--threads", "3");
        assertThat(serial.code()).as(serial.out()).isZero();
        assertThat(parallel.code()).isZero();
        assertThat(parallel.out()).isEqualTo(serial.out());
        Run none = run("rules", "test", "--threads", "-1");
        assertThat(none.code()).isEqualTo(CandorCli.BAD_INPUT);
        assertThat(none.err()).contains("--threads must be 1 or more");
    }

    @Test
    void rulesTestWithABaselineReportsACaseFailingWithItTooAsAlreadyFailingAndPasses(@TempDir Path tests)
            throws Exception {
        Files.writeString(
                tests.resolve("DISC-001.json"),
                Files.readString(Path.of("src/test/resources/cli/wrong-expectation.json")));
        Run r = run("rules", "test", "--tests", tests.toString(), "--baseline", "rules");
        assertThat(r.code()).as(r.out()).isEqualTo(CandorCli.PASS);
        assertThat(r.out())
                .contains("FAIL (already failing) DISC-001.json")
                .contains("0 passed, 1 failed")
                .contains("0 new, 1 already failing (compared with rules)");
    }

    @Test
    void rulesTestWithABaselineFailsOnACaseTheChangedRulesBreak(@TempDir Path changed) throws Exception {
        try (var files = Files.list(Path.of("rules"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, changed.resolve(f.getFileName().toString()));
            }
        }
        Path thresholds = changed.resolve("thresholds.table.csv");
        Files.writeString(
                thresholds,
                Files.readString(thresholds)
                        .replace("\"AUDIENCE_OVERCLAIM_PCT\",\"10\"", "\"AUDIENCE_OVERCLAIM_PCT\",\"1000\""));
        Run r = run("rules", "test", "--rules", changed.toString(), "--tests", "rules/tests", "--baseline", "rules");
        assertThat(r.code()).as(r.out()).isEqualTo(CandorCli.FAIL);
        assertThat(r.out()).contains("FAIL (new) CLAIM-001.json").doesNotContain("already failing)");
        assertThat(r.out()).containsPattern("[1-9]\\d* new, 0 already failing");

        Run bad = run(
                "rules", "test", "--baseline", changed.resolve("no-such-folder").toString());
        assertThat(bad.code()).isEqualTo(CandorCli.BAD_INPUT);
        assertThat(bad.err()).contains("baseline rules", "do not build");
    }

    @Test
    void rulesTestFailsWhenACaseFails(@TempDir Path tests) throws Exception {
        Files.writeString(
                tests.resolve("DISC-001.json"),
                Files.readString(Path.of("src/test/resources/cli/wrong-expectation.json")));
        Run r = run("rules", "test", "--tests", tests.toString());
        assertThat(r.code()).isEqualTo(CandorCli.FAIL);
        assertThat(r.out()).contains("0 passed, 1 failed");
    }

    @Test
    void templateWritesTheWorkbookAndCheckReadsItBackFilledIn(@TempDir Path dir) throws Exception {
        Path template = dir.resolve("campaign.xlsx");
        Run t = run("template", template.toString());
        assertThat(t.code()).as(t.err()).isZero();
        try (XSSFWorkbook wb = new XSSFWorkbook(template.toFile())) {
            assertThat(wb.getSheet("Posts")).isNotNull();
            assertThat(wb.getSheet("Instructions")).isNotNull();
        }
        // The template comes filled with the example campaign, so it can be checked as it is.
        Run r = run("check", template.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isIn(CandorCli.PASS, CandorCli.FAIL);
        assertThat(Json.MAPPER
                        .readTree(r.out())
                        .path("results")
                        .get(0)
                        .path("reference")
                        .asText())
                .isNotBlank();
    }

    @Test
    void aWorkbookThatIsNotOneIsBadInputNamingTheFile(@TempDir Path dir) throws Exception {
        Path fake = dir.resolve("campaign.xlsx");
        Files.writeString(fake, "%PDF-1.7 not a workbook");
        Run r = run("check", fake.toString());
        assertThat(r.code()).isEqualTo(CandorCli.BAD_INPUT);
        assertThat(r.err()).contains("campaign.xlsx: rejected");
    }
}
