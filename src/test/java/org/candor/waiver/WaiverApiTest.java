package org.candor.waiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Waivers through the API: who may grant them, what they change, and when they stop applying. */
@ServiceTest
class WaiverApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper mapper;

    static final RequestPostProcessor NORTHWIND = httpBasic("northwind", "northwind-demo");
    static final RequestPostProcessor LUMEN = httpBasic("lumen", "lumen-demo");
    static final RequestPostProcessor OFFICER = httpBasic("officer", "officer-demo");
    static final RequestPostProcessor MANAGER = httpBasic("manager", "manager-demo");

    static byte[] file(String name) throws Exception {
        return Files.readAllBytes(Path.of("src/test/resources/waivers").resolve(name));
    }

    JsonNode submitSpecExample() throws Exception {
        byte[] body = Files.readAllBytes(Path.of("src/test/resources/campaigns/spec-example.json"));
        String json = mvc.perform(post("/api/v1/evaluations")
                        .with(NORTHWIND)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return mapper.readTree(json);
    }

    JsonNode grant(String evaluationId, String waiver) throws Exception {
        String json = mvc.perform(post("/api/v1/evaluations/{id}/waivers", evaluationId)
                        .with(OFFICER)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(file(waiver)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return mapper.readTree(json);
    }

    JsonNode reevaluate(String evaluationId) throws Exception {
        return mapper.readTree(mvc.perform(post("/api/v1/evaluations/{id}/reevaluate", evaluationId)
                        .with(OFFICER))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    @Test
    void waivingEveryFailingFindingPassesTheCampaignAndCarriesOverToReevaluations() throws Exception {
        JsonNode e = submitSpecExample();
        String id = e.path("id").asText();
        assertThat(e.path("verdict").asText()).isEqualTo("FAIL");

        JsonNode one = grant(id, "waive-claim-001.json");
        assertThat(one.path("verdict").asText())
                .as("two FAIL findings still stand")
                .isEqualTo("FAIL");
        assertThat(one.path("counts").path("WAIVED").asInt()).isEqualTo(1);
        assertThat(one.path("counts").path("FAIL").asInt())
                .as("the waived finding no longer counts as a FAIL")
                .isEqualTo(e.path("counts").path("FAIL").asInt() - 1);
        assertThat(one.path("counts").path("FAIL").asInt()
                        + one.path("counts").path("WARN").asInt()
                        + one.path("counts").path("INFO").asInt()
                        + one.path("counts").path("WAIVED").asInt())
                .as("every finding counted once")
                .isEqualTo(one.path("findings").size());
        String waiverId = one.path("waivers").get(0).path("id").asText();
        int carried = 0;
        for (JsonNode f : one.path("findings")) {
            if (f.path("ruleId").asText().equals("CLAIM-001")) {
                assertThat(f.path("waiver").path("id").asText())
                        .as("the finding carries its waiver")
                        .isEqualTo(waiverId);
                carried++;
            } else {
                assertThat(f.has("waiver"))
                        .as("an unwaived finding has no waiver")
                        .isFalse();
            }
        }
        assertThat(carried).isEqualTo(1);
        assertThat(one.path("influencers").get(0).path("verdict").asText()).isEqualTo("PASS");
        grant(id, "waive-disc-012.json");
        JsonNode all = grant(id, "waive-claim-006.json");
        assertThat(all.path("verdict").asText()).isEqualTo("PASS");
        assertThat(all.path("waivers")).hasSize(3);
        assertThat(all.path("findings"))
                .as("findings are kept, marked by their waivers")
                .hasSize(3);

        JsonNode stored =
                mapper.readTree(mvc.perform(get("/api/v1/evaluations/{id}", id).with(NORTHWIND))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(stored.path("verdict").asText())
                .as("agencies see waivers and their effect")
                .isEqualTo("PASS");
        assertThat(mapper.readTree(
                        mvc.perform(get("/api/v1/evaluations/{id}/waivers", id).with(NORTHWIND))
                                .andExpect(status().isOk())
                                .andReturn()
                                .getResponse()
                                .getContentAsString()))
                .hasSize(3);

        JsonNode again = reevaluate(id);
        assertThat(again.path("id").asText()).isNotEqualTo(id);
        assertThat(again.path("verdict").asText())
                .as("active waivers carry over")
                .isEqualTo("PASS");

        byte[] report = mvc.perform(
                        get("/api/v1/evaluations/{id}/report.xlsx", id).with(MANAGER))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(report))) {
            assertThat(wb.getSheet("Waivers").getLastRowNum()).isEqualTo(3);
        }
    }

    @Test
    void endingAWaiverRecordsWhoAndWhenKeepsItsExpiryAndTheFindingCountsAgain() throws Exception {
        String id = submitSpecExample().path("id").asText();
        grant(id, "waive-claim-001.json");
        grant(id, "waive-disc-012.json");
        JsonNode passed = grant(id, "waive-claim-006.json");
        assertThat(passed.path("verdict").asText()).isEqualTo("PASS");
        JsonNode granted = passed.path("waivers").get(2);
        String waiverId = granted.path("id").asText();

        JsonNode ended = mapper.readTree(
                mvc.perform(post("/api/v1/waivers/{id}/expire", waiverId).with(OFFICER))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(ended.path("expiresOn").asText())
                .as("the original expiry stays")
                .isEqualTo(granted.path("expiresOn").asText());
        assertThat(ended.path("endedBy").asText()).isEqualTo("officer");
        assertThat(ended.path("endedAt").asText()).isNotBlank();

        JsonNode now =
                mapper.readTree(mvc.perform(get("/api/v1/evaluations/{id}", id).with(OFFICER))
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(now.path("verdict").asText())
                .as("the evaluation in force no longer shows the ended waiver")
                .isEqualTo("FAIL");
        assertThat(now.path("waivers")).hasSize(2);
        assertThat(now.path("counts").path("WAIVED").asInt()).isEqualTo(2);
        for (JsonNode f : now.path("findings")) {
            if (f.path("ruleId").asText().equals("CLAIM-006")) {
                assertThat(f.has("waiver")).isFalse();
            }
        }

        JsonNode again = mapper.readTree(
                mvc.perform(post("/api/v1/waivers/{id}/expire", waiverId).with(OFFICER))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(again.path("endedAt").asText())
                .as("ending twice keeps the first end")
                .isEqualTo(ended.path("endedAt").asText());

        JsonNode next = reevaluate(id);
        assertThat(next.path("verdict").asText()).isEqualTo("FAIL");
        assertThat(next.path("waivers")).hasSize(2);
        JsonNode list = mapper.readTree(mvc.perform(get("/api/v1/waivers").with(OFFICER))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        boolean listed = false;
        for (JsonNode w : list) {
            if (w.path("id").asText().equals(waiverId)) {
                assertThat(w.path("endedBy").asText()).isEqualTo("officer");
                listed = true;
            }
        }
        assertThat(listed).isTrue();
    }

    @Test
    void onlyOfficersGrantOrEndWaiversAndBadRequestsAreRefused() throws Exception {
        String id = submitSpecExample().path("id").asText();
        for (RequestPostProcessor who : new RequestPostProcessor[] {NORTHWIND, MANAGER}) {
            mvc.perform(post("/api/v1/evaluations/{id}/waivers", id)
                            .with(who)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(file("waive-claim-001.json")))
                    .andExpect(status().isForbidden());
        }
        for (String bad : new String[] {"no-justification.json", "already-expired.json", "no-such-finding.json"}) {
            String body = mvc.perform(post("/api/v1/evaluations/{id}/waivers", id)
                            .with(OFFICER)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(file(bad)))
                    .andExpect(status().isBadRequest())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(mapper.readTree(body).path("detail").asText()).as(bad).isNotBlank();
        }
        mvc.perform(post("/api/v1/evaluations/{id}/waivers", "no-such-evaluation")
                        .with(OFFICER)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(file("waive-claim-001.json")))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/waivers/{id}/expire", "no-such-waiver").with(OFFICER))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/evaluations/{id}/waivers", id).with(LUMEN)).andExpect(status().isNotFound());
        JsonNode lumenList = mapper.readTree(mvc.perform(get("/api/v1/waivers").with(LUMEN))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(lumenList).isEmpty();
    }
}
