package org.candor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.campaign.Campaign;
import org.candor.campaign.CampaignReader;
import org.candor.campaign.workbook.WorkbookCampaignWriter;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;

/** Agencies download the template and upload it filled in; a bad workbook is a 422 naming the cell. */
class WorkbookUploadTest extends ApiTestSupport {

    @Test
    void theTemplateIsServedToEveryRole() throws Exception {
        byte[] xlsx = mvc.perform(get("/api/v1/templates/campaign.xlsx").with(httpBasic("northwind", "northwind-demo")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(wb.getSheet("Campaign")).isNotNull();
            assertThat(wb.getSheet("Posts").getRow(0).getCell(0).getStringCellValue())
                    .isNotBlank();
        }
        mvc.perform(get("/api/v1/templates/campaign.xlsx")).andExpect(status().isUnauthorized());
    }

    @Test
    void aFilledWorkbookIsEvaluatedLikeTheSameCampaignInJson() throws Exception {
        Campaign campaign = new CampaignReader().read(Path.of("src/test/resources/campaigns/spec-example.json"));
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        new WorkbookCampaignWriter().write(campaign, xlsx);
        String body = mvc.perform(multipart("/api/v1/evaluations")
                        .file(new MockMultipartFile(
                                "file", "acme.xlsx", "application/octet-stream", xlsx.toByteArray()))
                        .with(httpBasic("northwind", "northwind-demo")))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        JsonNode e = mapper.readTree(body);
        assertThat(e.path("reference").asText()).isEqualTo("ACME-SPRING-26");
        assertThat(e.path("verdict").asText()).isEqualTo("FAIL");
        assertThat(e.path("findings")).hasSize(3);
        // Stored as format v1 JSON: it can be judged again.
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                                "/api/v1/evaluations/{id}/reevaluate",
                                e.path("id").asText())
                        .with(httpBasic("officer", "officer-demo")))
                .andExpect(status().isCreated());
    }

    @Test
    void aWorkbookWithAProblemIsRefusedNamingItsCell() throws Exception {
        String json = Files.readString(Path.of("src/test/resources/campaigns/spec-example.json"))
                .replace("\"influencer\": \"jane.doe\"", "\"influencer\": \"jane\"");
        Campaign unchecked = new CampaignReader().parse(new ByteArrayInputStream(json.getBytes()));
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        new WorkbookCampaignWriter().write(unchecked, xlsx);
        String body = mvc.perform(multipart("/api/v1/evaluations")
                        .file(new MockMultipartFile(
                                "file", "acme.xlsx", "application/octet-stream", xlsx.toByteArray()))
                        .with(httpBasic("northwind", "northwind-demo")))
                .andExpect(status().isUnprocessableEntity())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body).contains("Posts!").contains("jane");
    }

    @Test
    void somethingThatIsNotAWorkbookIsRefused() throws Exception {
        String body = mvc.perform(multipart("/api/v1/evaluations")
                        .file(new MockMultipartFile(
                                "file", "acme.xlsx", "application/octet-stream", "%PDF-1.7 a renamed pdf".getBytes()))
                        .with(httpBasic("northwind", "northwind-demo")))
                .andExpect(status().isUnprocessableEntity())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body).contains("\"status\":422").doesNotContain("Exception");
    }
}
