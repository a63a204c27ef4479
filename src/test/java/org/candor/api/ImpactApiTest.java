package org.candor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.impact.ImpactWorkers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Impact previews over the API, on the embedded database. This context runs no background worker
 * ({@code candor.impact.workers=0}): each test works the jobs itself with the workers' own
 * {@link ImpactWorkers#runOnce}, so that what is queued, cancelled or done is never a race.
 */
@TestPropertySource(properties = "candor.impact.workers=0")
class ImpactApiTest extends ApiTestSupport {

    @Autowired
    ImpactWorkers workers;

    @Autowired
    JdbcClient jdbc;

    /**
     * The candidate change: an audience may be overstated by 30% (not 10%), and more than 3% of
     * suspected fake followers fails an influencer (not 30%).
     */
    static String thresholds() throws Exception {
        String now = Files.readString(Path.of("rules", "thresholds.table.csv"), StandardCharsets.UTF_8);
        String changed = now.replace("\"AUDIENCE_OVERCLAIM_PCT\",\"10\"", "\"AUDIENCE_OVERCLAIM_PCT\",\"30\"")
                .replace("\"FAKE_FOLLOWERS_WARN_PCT\",\"15\"", "\"FAKE_FOLLOWERS_WARN_PCT\",\"2\"")
                .replace("\"FAKE_FOLLOWERS_FAIL_PCT\",\"30\"", "\"FAKE_FOLLOWERS_FAIL_PCT\",\"3\"");
        assertThat(changed).as("the thresholds the test changes").isNotEqualTo(now);
        return changed;
    }

    byte[] candidate() throws Exception {
        return mapper.writeValueAsBytes(Map.of("files", Map.of("thresholds.table.csv", thresholds())));
    }

    /** The passing campaign under a brand and reference of its own, its audience changed. */
    byte[] campaign(String brand, String reference, int followers, int fakePct) throws Exception {
        ObjectNode c = (ObjectNode) mapper.readTree(payload(PASSING));
        c.put("brand", brand).put("reference", reference);
        ObjectNode audience = (ObjectNode) c.path("influencers").get(0).path("audience");
        audience.put("followers", followers).put("suspectedFakeFollowersPct", fakePct);
        return mapper.writeValueAsBytes(c);
    }

    MvcResult ask(User user, byte[] body, String brand) throws Exception {
        return mvc.perform(post("/api/v1/rules/impact")
                        .param("brand", brand)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body)
                        .with(user.basic()))
                .andReturn();
    }

    JsonNode askAccepted(String brand) throws Exception {
        MvcResult r = ask(OFFICER, candidate(), brand);
        assertThat(r.getResponse().getStatus())
                .as(r.getResponse().getContentAsString())
                .isEqualTo(202);
        JsonNode p = json(r);
        assertThat(r.getResponse().getHeader("Location"))
                .isEqualTo("/api/v1/rules/impact/" + p.path("id").asText());
        return p;
    }

    /** Works every claimable job through, as a worker of this instance would; how many jobs. */
    int drain() throws Exception {
        int jobs = 0;
        while (workers.runOnce("test-worker")) {
            jobs++;
        }
        return jobs;
    }

    long previews() {
        return jdbc.sql("SELECT COUNT(*) FROM impact_preview").query(Long.class).single();
    }

    static JsonNode changeOf(JsonNode preview, String reference) {
        for (JsonNode c : preview.path("changes")) {
            if (c.path("reference").asText().equals(reference)) {
                return c;
            }
        }
        return null;
    }

    static List<String> rulesOf(JsonNode findings) {
        List<String> ids = new ArrayList<>();
        findings.forEach(
                f -> ids.add(f.path("ruleId").asText() + " " + f.path("subject").asText()));
        return ids;
    }

    @Test
    void listsTheCampaignsThatFlipEachWayWithTheFindingsThatChangeAndNotTheOthers() throws Exception {
        String brand = unique("Impact Flips");
        String toFail = unique("TO-FAIL");
        String toPass = unique("TO-PASS");
        String same = unique("SAME");
        // 4% fake followers: passes now, fails at 3%.
        assertThat(submit(NORTHWIND, campaign(brand, toFail, 40000, 4))
                        .path("verdict")
                        .asText())
                .isEqualTo("PASS");
        // 50,000 claimed for 39,500 verified (27% over): fails now (10%), passes at 30%.
        assertThat(submit(NORTHWIND, campaign(brand, toPass, 50000, 1))
                        .path("verdict")
                        .asText())
                .isEqualTo("FAIL");
        assertThat(submit(NORTHWIND, campaign(brand, same, 40000, 1))
                        .path("verdict")
                        .asText())
                .isEqualTo("PASS");

        JsonNode asked = askAccepted(brand);
        assertThat(asked.path("status").asText()).isEqualTo("QUEUED");
        assertThat(asked.path("progress").path("total").asInt()).isEqualTo(3);
        assertThat(asked.path("progress").path("done").asInt()).isZero();
        assertThat(asked.path("candidateHash").asText())
                .matches("[0-9a-f]{64}")
                .isNotEqualTo(asked.path("baseHash").asText());
        assertThat(asked.path("baseHash").asText())
                .isEqualTo(read("/api/v1/rules", OFFICER).path("ruleSetHash").asText());

        assertThat(drain()).isEqualTo(1);
        JsonNode done = read("/api/v1/rules/impact/" + asked.path("id").asText(), OFFICER);

        assertThat(done.path("status").asText()).isEqualTo("DONE");
        assertThat(done.path("progress").path("done").asInt()).isEqualTo(3);
        assertThat(done.path("finishedAt").isNull()).isFalse();
        assertThat(done.path("passToFail").asInt()).isEqualTo(1);
        assertThat(done.path("failToPass").asInt()).isEqualTo(1);
        assertThat(done.path("changes")).hasSize(2);
        assertThat(changeOf(done, same))
                .as("an unchanged campaign is not listed")
                .isNull();

        JsonNode failing = changeOf(done, toFail);
        assertThat(failing.path("verdictBefore").asText()).isEqualTo("PASS");
        assertThat(failing.path("verdictAfter").asText()).isEqualTo("FAIL");
        assertThat(rulesOf(failing.path("appeared"))).containsExactly("AUD-001 influencer:mia.brews");
        assertThat(failing.path("appeared").get(0).path("severity").asText()).isEqualTo("FAIL");
        assertThat(failing.path("disappeared")).isEmpty();
        assertThat(failing.path("agency").asText()).isEqualTo("Northwind Media");
        assertThat(failing.path("brand").asText()).isEqualTo(brand);

        JsonNode passing = changeOf(done, toPass);
        assertThat(passing.path("verdictBefore").asText()).isEqualTo("FAIL");
        assertThat(passing.path("verdictAfter").asText()).isEqualTo("PASS");
        assertThat(rulesOf(passing.path("disappeared"))).containsExactly("CLAIM-001 influencer:mia.brews");
        assertThat(passing.path("appeared")).isEmpty();
        assertThat(passing.path("stopped").isNull()).isTrue();
    }

    @Test
    void theWorkbookListsTheFlipsAndTheFindingsAndReadsBackInPoi() throws Exception {
        String brand = unique("Impact Workbook");
        String toFail = unique("WB-FAIL");
        submit(NORTHWIND, campaign(brand, toFail, 40000, 4));
        submit(NORTHWIND, campaign(brand, unique("WB-SAME"), 40000, 1));
        String id = askAccepted(brand).path("id").asText();
        drain();

        MvcResult r = mvc.perform(
                        get("/api/v1/rules/impact/" + id + "/impact.xlsx").with(OFFICER.basic()))
                .andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(r.getResponse().getContentType()).isEqualTo(XLSX);
        assertThat(r.getResponse().getHeader("Content-Disposition"))
                .startsWith("attachment")
                .contains("candor-impact-")
                .endsWith(".xlsx\"");
        try (XSSFWorkbook wb =
                new XSSFWorkbook(new ByteArrayInputStream(r.getResponse().getContentAsByteArray()))) {
            assertThat(List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2)))
                    .containsExactly("Summary", "Campaigns", "Findings");
            assertThat(labelValue(wb.getSheet("Summary"), "Status")).isEqualTo("DONE");
            assertThat(labelValue(wb.getSheet("Summary"), "PASS to FAIL")).isEqualTo("1");
            assertThat(labelValue(wb.getSheet("Summary"), "FAIL to PASS")).isEqualTo("0");
            assertThat(labelValue(wb.getSheet("Summary"), "Campaigns judged")).isEqualTo("2");
            List<List<String>> campaigns = rows(wb.getSheet("Campaigns"));
            assertThat(campaigns.get(0)).startsWith("Reference", "Agency", "Brand", "Verdict now");
            assertThat(campaigns).hasSize(2);
            assertThat(campaigns.get(1)).startsWith(toFail, "Northwind Media", brand, "PASS", "FAIL", "1", "0");
            List<List<String>> findings = rows(wb.getSheet("Findings"));
            assertThat(findings).hasSize(2);
            assertThat(findings.get(1))
                    .startsWith(toFail, "Northwind Media", "appears", "AUD-001", "influencer:mia.brews", "FAIL");
        }
    }

    static String labelValue(Sheet sheet, String label) {
        DataFormatter f = new DataFormatter();
        for (Row row : sheet) {
            if (label.equals(f.formatCellValue(row.getCell(0)))) {
                return f.formatCellValue(row.getCell(1));
            }
        }
        return null;
    }

    static List<List<String>> rows(Sheet sheet) {
        DataFormatter f = new DataFormatter();
        List<List<String>> rows = new ArrayList<>();
        for (Row row : sheet) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < row.getLastCellNum(); c++) {
                cells.add(f.formatCellValue(row.getCell(c)));
            }
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void aCancelledPreviewIsNotWorkedOnAndSaysSo() throws Exception {
        String brand = unique("Impact Cancel");
        submit(NORTHWIND, campaign(brand, unique("CANCEL"), 40000, 4));
        String first = askAccepted(brand).path("id").asText();
        String second = askAccepted(brand).path("id").asText();

        MvcResult deleted = mvc.perform(delete("/api/v1/rules/impact/" + first).with(OFFICER.basic()))
                .andReturn();
        assertThat(deleted.getResponse().getStatus()).isEqualTo(200);
        assertThat(json(deleted).path("status").asText()).isEqualTo("CANCELLED");
        MvcResult posted = mvc.perform(
                        post("/api/v1/rules/impact/" + second + "/cancel").with(OFFICER.basic()))
                .andReturn();
        assertThat(posted.getResponse().getStatus()).isEqualTo(200);
        assertThat(json(posted).path("status").asText()).isEqualTo("CANCELLED");

        assertThat(drain()).as("no job of a cancelled preview is claimed").isZero();
        for (String id : List.of(first, second)) {
            JsonNode p = read("/api/v1/rules/impact/" + id, OFFICER);
            assertThat(p.path("status").asText()).isEqualTo("CANCELLED");
            assertThat(p.path("progress").path("done").asInt()).isZero();
            assertThat(p.path("changes")).isEmpty();
        }
    }

    @Test
    void aFinishedPreviewStaysAsItIsWhenCancelled() throws Exception {
        String brand = unique("Impact Finished");
        submit(NORTHWIND, campaign(brand, unique("DONE"), 40000, 4));
        String id = askAccepted(brand).path("id").asText();
        drain();

        MvcResult r = mvc.perform(delete("/api/v1/rules/impact/" + id).with(OFFICER.basic()))
                .andReturn();
        assertThat(json(r).path("status").asText()).isEqualTo("DONE");
        assertThat(json(r).path("changes")).hasSize(1);
    }

    @Test
    void aCandidateThatDoesNotBuildIsRefusedWithItsProblemsAndNoPreviewIsMade() throws Exception {
        long before = previews();
        byte[] broken = mapper.writeValueAsBytes(
                Map.of("files", Map.of("broken.drl", "package candor.broken;\nrule \"x\" when then oops(; end\n")));

        JsonNode problem = assertProblem(ask(OFFICER, broken, "any"), 422);

        assertThat(problem.path("errors")).isNotEmpty();
        assertThat(problem.path("errors").get(0).path("file").asText()).isEqualTo("broken.drl");
        assertThat(problem.path("errors").get(0).path("message").asText()).isNotBlank();
        assertThat(previews()).as("no preview, no job").isEqualTo(before);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM impact_job WHERE status = 'QUEUED'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aCandidateThatWouldRunCodeIsRefusedByTheGuard() throws Exception {
        long before = previews();
        String drl = "package candor.evil;\nrule \"evil\" when then java.lang.System.exit(3); end\n";
        byte[] evil = mapper.writeValueAsBytes(Map.of("files", Map.of("evil.drl", drl)));

        JsonNode problem = assertProblem(ask(OFFICER, evil, "any"), 422);

        assertThat(problem.path("errors").get(0).path("file").asText()).isEqualTo("evil.drl");
        assertThat(previews()).isEqualTo(before);
    }

    @Test
    void onlyOfficersMayAskForReadOrCancelAPreview() throws Exception {
        String brand = unique("Impact Roles");
        String id = askAccepted(brand).path("id").asText();
        for (User user : List.of(MANAGER, NORTHWIND, LUMEN)) {
            assertThat(ask(user, candidate(), brand).getResponse().getStatus())
                    .as("ask as %s", user)
                    .isEqualTo(403);
            assertThat(mvc.perform(get("/api/v1/rules/impact/" + id).with(user.basic()))
                            .andReturn()
                            .getResponse()
                            .getStatus())
                    .as("read as %s", user)
                    .isEqualTo(403);
            assertThat(mvc.perform(delete("/api/v1/rules/impact/" + id).with(user.basic()))
                            .andReturn()
                            .getResponse()
                            .getStatus())
                    .as("cancel as %s", user)
                    .isEqualTo(403);
        }
        assertThat(ask(NONE, candidate(), brand).getResponse().getStatus()).isEqualTo(401);
        assertThat(read("/api/v1/rules/impact/" + id, OFFICER).path("status").asText())
                .as("an empty scope is done at once")
                .isEqualTo("DONE");
    }

    @Test
    void anUnknownPreviewIsNotFound() throws Exception {
        assertProblem(
                mvc.perform(get("/api/v1/rules/impact/no-such-preview").with(OFFICER.basic()))
                        .andReturn(),
                404);
    }
}
