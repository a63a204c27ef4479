package org.candor.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.rules.change.RuleChanges;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A policy table as a workbook through the API: downloaded, edited with POI, uploaded and saved in
 * the table's own format with the officer in the history; bad uploads are refused whole, with the
 * cell of each problem, and change nothing. On the page tests' service, whose rules are a
 * temporary copy; each test puts the table back as it found it.
 */
class TableWorkbookApiTest extends WebTestSupport {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String TABLE = "thresholds.table.csv";
    static final RequestPostProcessor OFFICER = httpBasic("officer", "officer-demo");

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper mapper;

    byte[] original;

    @BeforeEach
    void keep() throws IOException {
        original = Files.readAllBytes(file());
    }

    /** Puts the table back through the API, so that the rules in force are those on disk again. */
    @AfterEach
    void putBack() throws Exception {
        if (!java.util.Arrays.equals(Files.readAllBytes(file()), original)) {
            MvcResult r = perform(
                    put("/api/v1/rules/files/{name}", TABLE)
                            .contentType("text/plain")
                            .header("If-Match", etag())
                            .content(original),
                    OFFICER);
            assertThat(r.getResponse().getStatus()).isEqualTo(200);
        }
    }

    private static Path file() {
        return RULES.resolve(TABLE);
    }

    private static String etag() throws IOException {
        return "\"" + RuleChanges.version(Files.readAllBytes(file())) + "\"";
    }

    private MvcResult perform(MockHttpServletRequestBuilder request, RequestPostProcessor user) throws Exception {
        return mvc.perform(request.with(user)).andReturn();
    }

    private byte[] download() throws Exception {
        MvcResult r = perform(get("/api/v1/rules/tables/{name}/workbook", TABLE), OFFICER);
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(r.getResponse().getContentType()).isEqualTo(XLSX);
        assertThat(r.getResponse().getHeader("Content-Disposition")).contains("thresholds.xlsx");
        assertThat(r.getResponse().getHeader("ETag")).isEqualTo(etag());
        return r.getResponse().getContentAsByteArray();
    }

    /** The downloaded workbook with a change made to its one sheet. */
    private byte[] edited(Consumer<Sheet> edit) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(download()));
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            edit.accept(wb.getSheetAt(0));
            wb.write(out);
            return out.toByteArray();
        }
    }

    private MvcResult upload(byte[] xlsx, String ifMatch) throws Exception {
        MockHttpServletRequestBuilder put = put("/api/v1/rules/tables/{name}/workbook", TABLE)
                .contentType(XLSX)
                .content(xlsx);
        if (ifMatch != null) {
            put.header("If-Match", ifMatch);
        }
        return perform(put, OFFICER);
    }

    /** The row of a threshold in the sheet. */
    private static Row row(Sheet sheet, String threshold) {
        for (Row r : sheet) {
            if (r.getCell(0) != null && threshold.equals(r.getCell(0).getStringCellValue())) {
                return r;
            }
        }
        throw new AssertionError("no row " + threshold);
    }

    /** A refused upload: 422, a problem naming each cell; the table is as it was. */
    private JsonNode refused(byte[] xlsx) throws Exception {
        MvcResult r = upload(xlsx, etag());
        String body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getResponse().getStatus()).as(body).isEqualTo(422);
        assertThat(Files.readAllBytes(file())).as("nothing changed").isEqualTo(original);
        JsonNode problem = mapper.readTree(body);
        assertThat(problem.path("title").asText()).isEqualTo("Workbook refused");
        return problem.path("problems");
    }

    @Test
    void aDownloadedTableEditedInAWorkbookIsSavedBackAsCsvWithWhoChangedIt() throws Exception {
        byte[] xlsx = edited(sheet -> {
            row(sheet, "AUDIENCE_OVERCLAIM_PCT").getCell(1).setCellValue(11);
            Row added = sheet.createRow(sheet.getLastRowNum() + 1);
            added.createCell(0).setCellValue("REVIEW_BACKLOG_DAYS");
            added.createCell(1).setCellValue(30);
            added.createCell(2).setCellValue("Days a review may wait");
        });
        MvcResult r = upload(xlsx, etag());
        String body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getResponse().getStatus()).as(body).isEqualTo(200);
        JsonNode result = mapper.readTree(body);
        assertThat(result.path("applied").asBoolean()).isTrue();
        assertThat(result.path("change").path("who").asText()).isEqualTo("officer");

        String csv = Files.readString(file());
        assertThat(csv)
                .as("the table stays CSV, its notes kept, the cell changed and the row added")
                .startsWith(new String(original, StandardCharsets.UTF_8)
                        .lines()
                        .findFirst()
                        .orElseThrow())
                .contains("\"AUDIENCE_OVERCLAIM_PCT\",\"11\",")
                .doesNotContain("\"AUDIENCE_OVERCLAIM_PCT\",\"10\",")
                .endsWith("\"REVIEW_BACKLOG_DAYS\",\"30\",\"Days a review may wait\"\n");
        assertThat(csv.lines().count())
                .isEqualTo(new String(original, StandardCharsets.UTF_8).lines().count() + 1);

        JsonNode latest = mapper.readTree(perform(get("/api/v1/rules/history").param("size", "1"), OFFICER)
                        .getResponse()
                        .getContentAsString())
                .path("items")
                .get(0);
        assertThat(latest.path("who").asText()).isEqualTo("officer");
        assertThat(latest.path("files")).extracting(JsonNode::asText).containsExactly(TABLE);
        assertThat(latest.path("diff").toString()).contains("\"cell\":\"B3\",\"before\":\"10\",\"after\":\"11\"");
    }

    @Test
    void aFileThatIsNotAWorkbookIsRefused() throws Exception {
        JsonNode problems = refused(original);
        assertThat(problems.get(0).path("message").asText()).contains("not an Excel workbook (.xlsx)");
        assertThat(refused(new byte[0]).get(0).path("message").asText()).contains("empty");
    }

    @Test
    void aFormulaIsRefusedWithItsCell() throws Exception {
        byte[] xlsx =
                edited(sheet -> row(sheet, "AUDIENCE_OVERCLAIM_PCT").getCell(1).setCellFormula("5+5"));
        JsonNode problems = refused(xlsx);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).path("cell").asText()).isEqualTo("thresholds!B3");
        assertThat(problems.get(0).path("message").asText())
                .contains("a formula")
                .contains("5+5");
    }

    @Test
    void aColumnTheTableDoesNotHaveIsRefusedWithItsTitleCell() throws Exception {
        byte[] xlsx = edited(sheet -> sheet.getRow(1).getCell(1).setCellValue("Amount"));
        JsonNode problems = refused(xlsx);
        assertThat(problems.get(0).path("cell").asText()).isEqualTo("thresholds!B2");
        assertThat(problems.get(0).path("message").asText()).contains("'Amount' is not a column");
    }

    @Test
    void aTableOfAnotherKindIsRefused() throws Exception {
        byte[] xlsx = edited(sheet -> {
            Row titles = sheet.getRow(1);
            titles.getCell(0).setCellValue("Term");
            titles.getCell(1).setCellValue("Meaning");
        });
        JsonNode problems = refused(xlsx);
        assertThat(problems.get(0).path("cell").asText()).isEqualTo("thresholds!A2");
        assertThat(problems.get(0).path("message").asText())
                .contains("a terms table")
                .contains("is a thresholds table");
    }

    @Test
    void aValueTheBuildRefusesIsNamedAtItsCellInTheUpload() throws Exception {
        byte[] xlsx = edited(sheet -> {
            // A blank row before it: the upload's row numbers, not the CSV's lines, are named.
            sheet.shiftRows(4, sheet.getLastRowNum(), 1);
            row(sheet, "AUDIENCE_OVERCLAIM_PCT").getCell(1).setCellValue("ten");
            row(sheet, "FAKE_FOLLOWERS_WARN_PCT").getCell(1).setCellValue("lots");
        });
        JsonNode problems = refused(xlsx);
        assertThat(problems).extracting(p -> p.path("cell").asText()).containsExactly("thresholds!B3", "thresholds!B6");
        assertThat(problems.get(0).path("message").asText()).contains("'ten' is not a number");
    }

    @Test
    void aWorkbookTooBigIsRefusedUnread() throws Exception {
        byte[] big = new byte[2 * 1024 * 1024 + 1];
        big[0] = 'P';
        big[1] = 'K';
        JsonNode problems = refused(big);
        assertThat(problems.get(0).path("message").asText()).contains("at most 2,097,152");
    }

    @Test
    void anUploadNeedsTheVersionItWasMadeOn() throws Exception {
        byte[] xlsx =
                edited(sheet -> row(sheet, "AUDIENCE_OVERCLAIM_PCT").getCell(1).setCellValue(12));
        assertThat(upload(xlsx, null).getResponse().getStatus()).isEqualTo(428);
        assertThat(upload(xlsx, "\"" + "0".repeat(64) + "\"").getResponse().getStatus())
                .isEqualTo(412);
        assertThat(Files.readAllBytes(file())).isEqualTo(original);
    }

    @Test
    void onlyOfficersMayDownloadOrUploadATable() throws Exception {
        for (RequestPostProcessor user :
                new RequestPostProcessor[] {httpBasic("manager", "manager-demo"), httpBasic("lumen", "lumen-demo")}) {
            assertThat(perform(get("/api/v1/rules/tables/{name}/workbook", TABLE), user)
                            .getResponse()
                            .getStatus())
                    .isEqualTo(403);
            assertThat(perform(
                                    put("/api/v1/rules/tables/{name}/workbook", TABLE)
                                            .contentType(XLSX)
                                            .header("If-Match", etag())
                                            .content(new byte[] {1}),
                                    user)
                            .getResponse()
                            .getStatus())
                    .isEqualTo(403);
        }
        assertThat(perform(get("/api/v1/rules/tables/{name}/workbook", "disclosure.drl"), OFFICER)
                        .getResponse()
                        .getStatus())
                .as("a rule file is no table")
                .isEqualTo(404);
    }

    @Test
    void theOpenApiDescriptionListsTheTableEndpoints() throws Exception {
        JsonNode api = mapper.readTree(
                mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
        JsonNode path = api.path("paths").path("/api/v1/rules/tables/{name}/workbook");
        assertThat(path.has("get")).isTrue();
        assertThat(path.has("put")).isTrue();
    }
}
