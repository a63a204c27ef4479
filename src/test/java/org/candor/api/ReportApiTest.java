package org.candor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.report.ReportArchive;
import org.candor.system.CandorProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

/** The evaluation's workbook and the portfolio workbook, downloaded and opened with POI. */
class ReportApiTest extends ApiTestSupport {

    @Autowired
    ReportArchive archive;

    @Autowired
    CandorProperties properties;

    @Test
    void aSubmissionLeavesACopyOfItsWorkbookInTheReportsFolderWrittenOffTheRequest() throws Exception {
        JsonNode e = submit(NORTHWIND, SPEC_EXAMPLE);
        assertThat(archive.flush(Duration.ofSeconds(30))).isTrue();

        Path file = properties
                .reportsDir()
                .resolve("Northwind_Media_" + e.path("id").asText() + "_ACME-SPRING-26.xlsx");
        assertThat(file).exists();
        try (XSSFWorkbook wb = Workbooks.open(Files.readAllBytes(file))) {
            assertThat(Workbooks.labelValues(wb.getSheet("Summary")))
                    .containsEntry("Campaign", "ACME-SPRING-26")
                    .containsEntry("Submitted by", "northwind");
        }
    }

    MvcResult download(String uri, User user) throws Exception {
        MvcResult r = mvc.perform(get(uri).with(user.basic())).andReturn();
        assertThat(r.getResponse().getStatus())
                .as("GET %s as %s: %s", uri, user, r.getResponse().getContentAsString())
                .isEqualTo(200);
        assertThat(r.getResponse().getContentType()).isEqualTo(XLSX);
        return r;
    }

    static ContentDisposition disposition(MvcResult r) {
        String header = r.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION);
        assertThat(header).as("Content-Disposition").isNotNull();
        return ContentDisposition.parse(header);
    }

    @Test
    void theReportIsAnAttachmentWhoseSheetsHoldThisEvaluation() throws Exception {
        JsonNode e = submit(NORTHWIND, SPEC_EXAMPLE);
        String hash = e.path("ruleSetHash").asText();

        MvcResult r = download("/api/v1/evaluations/" + e.path("id").asText() + "/report.xlsx", NORTHWIND);

        ContentDisposition cd = disposition(r);
        assertThat(cd.isAttachment()).isTrue();
        assertThat(cd.getFilename()).isEqualTo("ACME-SPRING-26-" + hash.substring(0, 12) + ".xlsx");
        try (XSSFWorkbook wb = Workbooks.open(r.getResponse().getContentAsByteArray())) {
            assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo("Summary");
            Map<String, String> summary = Workbooks.labelValues(wb.getSheet("Summary"));
            assertThat(summary)
                    .containsEntry("Campaign", "ACME-SPRING-26")
                    .containsEntry("Agency", "Northwind Media")
                    .containsEntry("Brand", "Acme Skincare")
                    .containsEntry("Verdict", "FAIL")
                    .containsEntry("Rule set", hash)
                    .containsEntry("Submitted by", "northwind")
                    .containsEntry("FAIL", e.path("counts").path("FAIL").asText("0"))
                    .containsEntry("WARN", e.path("counts").path("WARN").asText("0"));

            List<Map<String, String>> rows = Workbooks.table(wb.getSheet("Findings"));
            List<JsonNode> findings = new ArrayList<>();
            e.path("findings").forEach(findings::add);
            assertThat(rows).hasSameSizeAs(findings).isNotEmpty();
            for (int i = 0; i < rows.size(); i++) {
                Map<String, String> row = rows.get(i);
                JsonNode f = findings.get(i);
                assertThat(row)
                        .containsEntry("Rule", f.path("ruleId").asText())
                        .containsEntry("Title", f.path("title").asText())
                        .containsEntry("Category", f.path("category").asText())
                        .containsEntry("Severity", f.path("severity").asText())
                        .containsEntry("Subject", f.path("subject").asText())
                        .containsEntry("Message", f.path("message").asText())
                        .containsEntry("Evidence", f.path("evidence").asText(""))
                        .containsEntry("Source", f.path("source").asText())
                        .containsEntry("Remediation", f.path("remediation").asText());
            }
            assertThat(wb.getSheet("Posts")).isNotNull();
            assertThat(wb.getSheet("Influencers")).isNotNull();
            assertThat(wb.getSheet("Checks")).isNotNull();
        }
    }

    @Test
    void theFileNameIsSafeWhateverTheReference() throws Exception {
        String hostile = "../../etc/passwd\"; filename=evil.exe\r\nX-Injected: 1 ü";
        JsonNode e = submit(NORTHWIND, payload(SPEC_EXAMPLE, "reference", hostile));

        MvcResult r = download("/api/v1/evaluations/" + e.path("id").asText() + "/report.xlsx", OFFICER);

        String header = r.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION);
        assertThat(header).startsWith("attachment;").doesNotContain("\r", "\n", "/", "..", "evil.exe\"");
        assertThat(disposition(r).getFilename()).matches("[A-Za-z0-9][A-Za-z0-9._-]*\\.xlsx");
        try (XSSFWorkbook wb = Workbooks.open(r.getResponse().getContentAsByteArray())) {
            assertThat(Workbooks.labelValues(wb.getSheet("Summary")))
                    .as("the reference itself is kept, as plain text")
                    .containsEntry("Campaign", hostile);
        }
    }

    @Test
    void thePortfolioCoversTheEvaluationsOfTheAgencyAsked() throws Exception {
        String brand = unique("Portfolio Brand");
        Instant before = Instant.now();
        JsonNode nw1 = submit(NORTHWIND, payload(SPEC_EXAMPLE, "brand", brand));
        JsonNode nw2 = submit(NORTHWIND, payload(PASSING, "brand", brand));
        JsonNode lumen = submit(LUMEN, payload(LUMEN_PASSING, "brand", brand));
        String b = "brand=" + brand;

        MvcResult r = download("/api/v1/reports/portfolio.xlsx?agency=Northwind Media&" + b, MANAGER);

        ContentDisposition cd = disposition(r);
        assertThat(cd.isAttachment()).isTrue();
        assertThat(cd.getFilename())
                .isEqualTo("candor-portfolio-agency-northwind-media-brand-"
                        + brand.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                        + "-" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + ".xlsx");
        try (XSSFWorkbook wb = Workbooks.open(r.getResponse().getContentAsByteArray())) {
            Map<String, String> summary = Workbooks.labelValues(wb.getSheet("Summary"));
            assertThat(summary)
                    .containsEntry("Evaluations", "2")
                    .containsEntry("Passed", "1")
                    .containsEntry("Failed", "1");
            assertThat(summary.get("Scope")).contains("agency Northwind Media").contains("brand " + brand);
            List<Map<String, String>> rows = Workbooks.table(wb.getSheet("Evaluations"));
            assertThat(rows).as("newest first").extracting(row -> row.get("Id")).containsExactly(id(nw2), id(nw1));
            assertThat(rows).allSatisfy(row -> assertThat(row)
                    .containsEntry("Agency", "Northwind Media")
                    .containsEntry("Brand", brand)
                    .containsEntry("Submitted by", "northwind"));
            assertThat(rows).extracting(row -> row.get("Verdict")).containsExactly("PASS", "FAIL");
            assertThat(wb.getSheet("Charts").getDrawingPatriarch().getCharts())
                    .extracting(c -> c.getTitleText().getString())
                    .contains("Verdicts by month", "Pass rate by agency");
            assertThat(Workbooks.table(wb.getSheet("By agency")))
                    .extracting(row -> row.get("Agency"))
                    .containsExactly("Northwind Media");
        }

        MvcResult everyone = download("/api/v1/reports/portfolio.xlsx?" + b + "&from=" + before, OFFICER);
        assertThat(disposition(everyone).getFilename())
                .startsWith("candor-portfolio-brand-")
                .contains("-from-" + java.time.LocalDate.ofInstant(before, java.time.ZoneOffset.UTC) + "-");
        try (XSSFWorkbook wb = Workbooks.open(everyone.getResponse().getContentAsByteArray())) {
            assertThat(Workbooks.table(wb.getSheet("Evaluations")))
                    .extracting(row -> row.get("Id"))
                    .containsExactly(id(lumen), id(nw2), id(nw1));
        }

        MvcResult none = download("/api/v1/reports/portfolio.xlsx?" + b + "&to=" + before, MANAGER);
        try (XSSFWorkbook wb = Workbooks.open(none.getResponse().getContentAsByteArray())) {
            Sheet evaluations = wb.getSheet("Evaluations");
            assertThat(Workbooks.table(evaluations)).isEmpty();
            assertThat(Workbooks.labelValues(wb.getSheet("Summary"))).containsEntry("Evaluations", "0");
        }
    }

    private static String id(JsonNode e) {
        return e.path("id").asText();
    }
}
