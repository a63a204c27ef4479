package org.candor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.candor.rules.RuleMeta;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * {@code candor check --format text|json|sarif|junit|csv}, {@code --output}, {@code --fail-on} and
 * standard input: what each format carries, and the exit codes.
 */
class CheckOutputFormatsTest {

    private static final String SPEC_EXAMPLE = "src/test/resources/campaigns/spec-example.json";
    private static final String WARN_ONLY = "src/test/resources/cli/warn-only.json";
    private static final String PASSING = "src/test/resources/cli/passing.json";
    private static final String INVALID = "src/test/resources/cli/invalid.json";

    private static RuleSet rules;

    @BeforeAll
    static void loadRules() {
        rules = new RuleSetLoader().load(Path.of("rules"));
    }

    @AfterAll
    static void disposeRules() {
        RuleSetLoader.dispose(rules);
    }

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        return runWithInput(InputStream.nullInputStream(), args);
    }

    static Run runWithInput(InputStream in, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CandorCli.run(args, in, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void jsonIsOneObjectWithAListOfResultsForOneCampaignOrMany() throws Exception {
        JsonNode one = Json.MAPPER.readTree(
                run("check", SPEC_EXAMPLE, "--format", "json").out());
        JsonNode many = Json.MAPPER.readTree(
                run("check", SPEC_EXAMPLE, PASSING, "--format", "json").out());
        for (JsonNode doc : List.of(one, many)) {
            assertThat(doc.isObject()).isTrue();
            assertThat(doc.path("results").isArray()).isTrue();
            assertThat(doc.path("rejected").isArray()).isTrue();
            assertThat(doc.path("ruleSetHash").asText()).isEqualTo(rules.hash());
        }
        assertThat(one.path("results")).hasSize(1);
        assertThat(one.path("campaigns").asInt()).isEqualTo(1);
        assertThat(one.path("failed").asBoolean()).isTrue();
        JsonNode result = one.path("results").get(0);
        assertThat(result.path("source").asText()).isEqualTo(SPEC_EXAMPLE);
        assertThat(result.path("reference").asText()).isEqualTo("ACME-SPRING-26");
        assertThat(result.path("verdict").asText()).isEqualTo("FAIL");
        assertThat(result.path("findings")).hasSize(3);
        assertThat(many.path("results")).hasSize(2);
        assertThat(many.path("results").get(1).path("verdict").asText()).isEqualTo("PASS");
    }

    @Test
    void jsonListsTheInputsThatCouldNotBeJudgedAndExitsTwo() throws Exception {
        Run r = run("check", PASSING, INVALID, "--format", "json");
        assertThat(r.code()).isEqualTo(CandorCli.BAD_INPUT);
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.path("results")).hasSize(1);
        JsonNode rejected = doc.path("rejected").get(0);
        assertThat(rejected.path("source").asText()).isEqualTo(INVALID);
        List<String> paths = new ArrayList<>();
        rejected.path("problems").forEach(p -> paths.add(p.path("path").asText()));
        assertThat(paths).contains("$.reference", "$.posts[0].influencer", "$.influencers[0].audience.followers");
    }

    @Test
    void sarifCarriesTheCatalogAsRulesAndLocatesFindingsByPostIdJsonPathAndLine() throws Exception {
        Run r = run("check", SPEC_EXAMPLE, "--format", "sarif");
        assertThat(r.code()).as(r.err()).isEqualTo(CandorCli.FAIL);
        JsonNode sarif = Json.MAPPER.readTree(r.out());
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.path("$schema").asText()).contains("sarif-2.1.0");
        JsonNode run = sarif.path("runs").get(0);
        JsonNode driver = run.path("tool").path("driver");
        assertThat(driver.path("name").asText()).isEqualTo("Candor");
        JsonNode sarifRules = driver.path("rules");
        assertThat(sarifRules).hasSize(rules.catalog().size());
        for (int i = 0; i < rules.catalog().size(); i++) {
            RuleMeta meta = rules.catalog().get(i);
            JsonNode rule = sarifRules.get(i);
            assertThat(rule.path("id").asText()).isEqualTo(meta.id());
            assertThat(rule.path("shortDescription").path("text").asText()).isEqualTo(meta.title());
            assertThat(rule.path("help").path("text").asText()).isEqualTo(meta.remediation());
            assertThat(rule.path("properties").path("source").asText()).isEqualTo(meta.source());
            assertThat(rule.path("defaultConfiguration").path("level").asText())
                    .isEqualTo(
                            switch (meta.severity()) {
                                case FAIL -> "error";
                                case WARN -> "warning";
                                case INFO -> "note";
                            });
        }
        JsonNode results = run.path("results");
        assertThat(results).hasSize(3);
        List<String> lines = Files.readAllLines(Path.of(SPEC_EXAMPLE));
        for (JsonNode result : results) {
            int index = result.path("ruleIndex").asInt();
            assertThat(sarifRules.get(index).path("id").asText())
                    .isEqualTo(result.path("ruleId").asText());
            assertThat(result.path("level").asText()).isEqualTo("error");
            JsonNode location = result.path("locations").get(0);
            assertThat(location.path("physicalLocation")
                            .path("artifactLocation")
                            .path("uri")
                            .asText())
                    .isEqualTo(SPEC_EXAMPLE);
            JsonNode logical = location.path("logicalLocations").get(0);
            String subject = logical.path("name").asText();
            int line = location.path("physicalLocation")
                    .path("region")
                    .path("startLine")
                    .asInt();
            if (subject.equals("post:p1")) {
                assertThat(logical.path("fullyQualifiedName").asText()).isEqualTo("$.posts[0]");
                // the post's object starts on that line, and its id follows
                assertThat(lines.get(line - 1).strip()).startsWith("{");
                assertThat(String.join("\n", lines.subList(line - 1, line + 2))).contains("\"id\": \"p1\"");
            } else if (subject.equals("influencer:jane.doe")) {
                assertThat(logical.path("fullyQualifiedName").asText()).isEqualTo("$.influencers[0]");
                assertThat(String.join("\n", lines.subList(line - 1, line + 2))).contains("\"handle\": \"jane.doe\"");
            }
            assertThat(result.path("partialFingerprints")
                            .path("candorFinding/v1")
                            .asText())
                    .hasSize(32);
        }
        assertThat(run.path("invocations").get(0).path("executionSuccessful").asBoolean())
                .isTrue();
    }

    @Test
    void sarifReportsRejectedInputsAsErrorNotifications() throws Exception {
        Run r = run("check", INVALID, "--format", "sarif");
        assertThat(r.code()).isEqualTo(CandorCli.BAD_INPUT);
        JsonNode invocation = Json.MAPPER
                .readTree(r.out())
                .path("runs")
                .get(0)
                .path("invocations")
                .get(0);
        assertThat(invocation.path("executionSuccessful").asBoolean()).isFalse();
        assertThat(invocation.path("toolExecutionNotifications")).hasSize(3);
        assertThat(invocation
                        .path("toolExecutionNotifications")
                        .get(0)
                        .path("level")
                        .asText())
                .isEqualTo("error");
    }

    @Test
    void junitHasATestCasePerRuleAndSubjectAndFailsTheOnesWithFailFindings() throws Exception {
        Run r = run("check", SPEC_EXAMPLE, "--format", "junit");
        assertThat(r.code()).isEqualTo(CandorCli.FAIL);
        Document xml = parse(r.out());
        Element suites = xml.getDocumentElement();
        assertThat(suites.getTagName()).isEqualTo("testsuites");
        NodeList suiteList = suites.getElementsByTagName("testsuite");
        assertThat(suiteList.getLength()).isEqualTo(1);
        Element suite = (Element) suiteList.item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("ACME-SPRING-26");

        // the spec example: one influencer with one claim, one post
        int expected = 0;
        for (RuleMeta meta : rules.catalog()) {
            Set<String> subjects = new HashSet<>();
            for (var scope : meta.scopes()) {
                switch (scope) {
                    case CAMPAIGN -> subjects.add("campaign");
                    case INFLUENCER -> subjects.add("influencer:jane.doe");
                    case CLAIM -> subjects.add("claim:jane.doe/c1");
                    case POST -> subjects.add("post:p1");
                }
            }
            expected += subjects.size();
        }
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(expected);
        assertThat(suite.getAttribute("tests")).isEqualTo(String.valueOf(expected));
        Set<String> names = new HashSet<>();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            assertThat(names.add(testcase.getAttribute("name")))
                    .as("unique: " + testcase.getAttribute("name"))
                    .isTrue();
            if (testcase.getElementsByTagName("failure").getLength() > 0) {
                failed.add(testcase.getAttribute("name"));
            }
        }
        assertThat(failed).hasSize(3);
        assertThat(suite.getAttribute("failures")).isEqualTo("3");
        assertThat(failed).anySatisfy(name -> assertThat(name).startsWith("DISC-012 post:p1 $.posts[0]"));
    }

    @Test
    void junitFailsWarningsOnlyWhenAskedTo() throws Exception {
        Document byDefault = parse(run("check", WARN_ONLY, "--format", "junit").out());
        assertThat(byDefault.getElementsByTagName("failure").getLength()).isZero();
        assertThat(byDefault.getElementsByTagName("system-out").item(0).getTextContent())
                .contains("WARN");
        Document strict = parse(run("check", WARN_ONLY, "--format", "junit", "--fail-on", "warn")
                .out());
        assertThat(strict.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(((Element) strict.getElementsByTagName("failure").item(0)).getAttribute("type"))
                .isEqualTo("WARN");
    }

    @Test
    void csvHasAHeaderAndARowPerFindingAndARowForACampaignWithoutFindings() throws Exception {
        Run r = run("check", SPEC_EXAMPLE, PASSING, "--format", "csv");
        assertThat(r.code()).isEqualTo(CandorCli.FAIL);
        List<List<String>> rows = csv(r.out());
        assertThat(rows.get(0))
                .startsWith("source", "reference", "agency", "verdict", "ruleId", "severity")
                .contains("jsonPath", "line", "message", "remediation");
        assertThat(rows).hasSize(1 + 3 + 1);
        int ruleId = rows.get(0).indexOf("ruleId");
        int jsonPath = rows.get(0).indexOf("jsonPath");
        assertThat(rows.subList(1, 4)).allSatisfy(row -> {
            assertThat(row.get(1)).isEqualTo("ACME-SPRING-26");
            assertThat(row.get(ruleId)).isNotBlank();
        });
        assertThat(rows.subList(1, 4))
                .anySatisfy(row -> assertThat(row.get(jsonPath)).isEqualTo("$.posts[0]"));
        List<String> passing = rows.get(4);
        assertThat(passing.get(3)).isEqualTo("PASS");
        assertThat(passing.get(ruleId)).isEmpty();
    }

    @Test
    void textListsEachCampaignWithItsFindingsAndATally() {
        Run r = run("check", SPEC_EXAMPLE, WARN_ONLY, "--format", "text");
        assertThat(r.code()).isEqualTo(CandorCli.FAIL);
        assertThat(r.out())
                .contains("ACME-SPRING-26")
                .contains("DISC-012")
                .contains("post:p1 ($.posts[0], line ")
                .contains("WARN-ONLY-26")
                .contains("2 campaign(s): 1 failing (fail on FAIL), 0 rejected");
    }

    @Test
    void failOnWarnTurnsAWarningIntoExitOne() {
        assertThat(run("check", WARN_ONLY, "--format", "json").code()).isEqualTo(CandorCli.PASS);
        assertThat(run("check", WARN_ONLY, "--format", "json", "--fail-on", "warn")
                        .code())
                .isEqualTo(CandorCli.FAIL);
        assertThat(run("check", PASSING, "--format", "json", "--fail-on", "warn")
                        .code())
                .isEqualTo(CandorCli.PASS);
        assertThat(run("check", WARN_ONLY, "--fail-on", "info").code()).isEqualTo(CandorCli.BAD_INPUT);
    }

    @Test
    void outputWritesTheFileAndNothingOnStandardOutput(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested/candor.sarif");
        Run r = run("check", SPEC_EXAMPLE, "--format", "sarif", "--output", file.toString());
        assertThat(r.code()).isEqualTo(CandorCli.FAIL);
        assertThat(r.out()).isEmpty();
        assertThat(Json.MAPPER.readTree(file.toFile()).path("version").asText()).isEqualTo("2.1.0");
        try (var left = Files.list(file.getParent())) {
            assertThat(left).containsExactly(file);
        }

        Path xlsxListing = dir.resolve("listing.txt");
        Run xlsx = run("check", PASSING, "--out", dir.resolve("reports").toString(), "-o", xlsxListing.toString());
        assertThat(xlsx.code()).isEqualTo(CandorCli.PASS);
        assertThat(Files.readString(xlsxListing)).contains("PASS").contains(".xlsx");
    }

    @Test
    void anOutputThatCannotBeWrittenExitsTwo(@TempDir Path dir) throws Exception {
        Path blocker = Files.writeString(dir.resolve("file"), "x");
        Run r = run(
                "check",
                PASSING,
                "--format",
                "json",
                "--output",
                blocker.resolve("out.json").toString());
        assertThat(r.code()).isEqualTo(CandorCli.BAD_INPUT);
        assertThat(r.err()).contains("cannot be written");
    }

    @Test
    void aCampaignIsReadFromStandardInput() throws Exception {
        byte[] json = Files.readAllBytes(Path.of(SPEC_EXAMPLE));
        Run r = runWithInput(new ByteArrayInputStream(json), "check", "-", "--format", "sarif");
        assertThat(r.code()).as(r.err()).isEqualTo(CandorCli.FAIL);
        JsonNode run = Json.MAPPER.readTree(r.out()).path("runs").get(0);
        assertThat(run.path("results")).hasSize(3);
        assertThat(run.path("results")
                        .get(0)
                        .path("locations")
                        .get(0)
                        .path("physicalLocation")
                        .path("artifactLocation")
                        .path("uri")
                        .asText())
                .isEqualTo("stdin");
    }

    @Test
    void badInputOnStandardInputAndStandardInputTwiceExitTwo() {
        Run garbage = runWithInput(new ByteArrayInputStream("{\"formatVersion\": ".getBytes()), "check", "-");
        assertThat(garbage.code()).isEqualTo(CandorCli.BAD_INPUT);
        assertThat(garbage.err()).contains("stdin: rejected");
        Run twice = run("check", "-", "-");
        assertThat(twice.code()).isEqualTo(CandorCli.BAD_INPUT);
        assertThat(twice.err()).contains("only once");
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static List<List<String>> csv(String text) throws Exception {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it =
                mapper.readerForListOf(String.class).readValues(text)) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }
}
