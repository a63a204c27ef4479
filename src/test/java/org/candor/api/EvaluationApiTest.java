package org.candor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;

/** Submitting campaigns, listing, reading and re-evaluating evaluations. */
class EvaluationApiTest extends ApiTestSupport {

    /** Every field of a finding, SPEC section 4. */
    static final List<String> FINDING_FIELDS = List.of(
            "ruleId", "title", "category", "severity", "subject", "message", "evidence", "source", "remediation");

    static void assertCompleteFindings(JsonNode evaluation) {
        assertThat(evaluation.path("findings").isArray()).isTrue();
        for (JsonNode f : evaluation.path("findings")) {
            assertThat(f.fieldNames()).toIterable().containsAll(FINDING_FIELDS);
            for (String field : List.of("ruleId", "title", "subject", "message", "source", "remediation")) {
                assertThat(f.path(field).asText()).as("%s of %s", field, f).isNotBlank();
            }
            assertThat(f.path("ruleId").asText()).matches("[A-Z]+-\\d{3}");
            assertThat(f.path("category").asText()).isIn("DISCLOSURE", "ATTRIBUTION", "CLAIMS", "AUDIENCE");
            assertThat(f.path("severity").asText()).isIn("FAIL", "WARN", "INFO");
            assertThat(f.path("subject").asText()).matches("post:.+|influencer:.+|claim:.+/.+|campaign");
        }
    }

    @Test
    void aSubmittedCampaignAnswers201WithItsLocationAndTheWholeEvaluation() throws Exception {
        String hash = read("/api/v1/rules", NORTHWIND).path("ruleSetHash").asText();

        MvcResult r = mvc.perform(submission(payload(SPEC_EXAMPLE)).with(NORTHWIND.basic()))
                .andReturn();

        assertThat(r.getResponse().getStatus()).isEqualTo(201);
        assertThat(r.getResponse().getContentType()).startsWith(MediaType.APPLICATION_JSON_VALUE);
        JsonNode e = json(r);
        String id = e.path("id").asText();
        assertThat(id).isNotBlank();
        assertThat(r.getResponse().getHeader(HttpHeaders.LOCATION)).endsWith("/api/v1/evaluations/" + id);
        assertThat(e.path("submissionId").asText()).isNotBlank().isNotEqualTo(id);
        assertThat(e.path("verdict").asText()).isEqualTo("FAIL");
        assertThat(e.path("ruleSetHash").asText()).isEqualTo(hash);
        assertThat(e.path("reference").asText()).isEqualTo("ACME-SPRING-26");
        assertThat(e.path("agency").asText()).isEqualTo("Northwind Media");
        assertThat(e.path("brand").asText()).isEqualTo("Acme Skincare");
        assertThat(e.path("submittedBy").asText()).isEqualTo("northwind");
        assertThat(e.path("findings")).isNotEmpty();
        assertCompleteFindings(e);
        List<String> severities = new ArrayList<>();
        e.path("findings").forEach(f -> severities.add(f.path("severity").asText()));
        assertThat(severities).contains("FAIL");
        assertThat(e.path("counts").path("FAIL").asInt())
                .isEqualTo(severities.stream().filter("FAIL"::equals).count());
        assertThat(e.path("posts")).isNotEmpty();
        assertThat(e.path("influencers")).isNotEmpty();

        JsonNode back = read(r.getResponse().getHeader(HttpHeaders.LOCATION), NORTHWIND);
        assertThat(back).as("the Location reads back the same evaluation").isEqualTo(e);
    }

    @Test
    void aCleanCampaignPassesWithNoFailingFinding() throws Exception {
        JsonNode e = submit(NORTHWIND, PASSING);
        assertThat(e.path("verdict").asText()).isEqualTo("PASS");
        assertThat(e.path("counts").path("FAIL").asInt(0)).isZero();
        assertCompleteFindings(e);
    }

    @Test
    void aJsonFileUploadedInTheFieldFileIsEvaluatedLikeABody() throws Exception {
        MockMultipartFile file = new MockMultipartFile(
                "file", "spec-example.json", MediaType.APPLICATION_JSON_VALUE, payload(SPEC_EXAMPLE));

        MvcResult r = mvc.perform(multipart("/api/v1/evaluations").file(file).with(NORTHWIND.basic()))
                .andReturn();

        assertThat(r.getResponse().getStatus())
                .as(r.getResponse().getContentAsString())
                .isEqualTo(201);
        JsonNode e = json(r);
        assertThat(r.getResponse().getHeader(HttpHeaders.LOCATION))
                .endsWith("/api/v1/evaluations/" + e.path("id").asText());
        assertThat(e.path("verdict").asText()).isEqualTo("FAIL");
        assertThat(e.path("reference").asText()).isEqualTo("ACME-SPRING-26");
        assertCompleteFindings(e);
    }

    @Test
    void anUploadThatIsNotAJsonFileIs400() throws Exception {
        MockMultipartFile file =
                new MockMultipartFile("file", "campaign.txt", MediaType.TEXT_PLAIN_VALUE, payload("api/campaign.txt"));

        MvcResult r = mvc.perform(multipart("/api/v1/evaluations").file(file).with(NORTHWIND.basic()))
                .andReturn();

        JsonNode problem = assertProblem(r, 400);
        assertThat(problem.path("detail").asText()).contains(".json").contains("campaign.txt");
    }

    @Test
    void anUploadWithoutTheFieldFileIs400() throws Exception {
        MockMultipartFile file =
                new MockMultipartFile("campaign", "spec-example.json", "application/json", payload(SPEC_EXAMPLE));

        assertProblem(
                mvc.perform(multipart("/api/v1/evaluations").file(file).with(NORTHWIND.basic()))
                        .andReturn(),
                400);
    }

    @Test
    void theListFiltersByAgencyBrandVerdictAndPeriodAndPages() throws Exception {
        String brand = unique("List Brand");
        Instant before = Instant.now();
        JsonNode fail1 = submit(NORTHWIND, payload(SPEC_EXAMPLE, "brand", brand));
        JsonNode fail2 = submit(NORTHWIND, payload(SPEC_EXAMPLE, "brand", brand));
        JsonNode pass1 = submit(NORTHWIND, payload(PASSING, "brand", brand));
        JsonNode lumen = submit(LUMEN, payload(LUMEN_PASSING, "brand", brand));
        Instant after = Instant.now().plusMillis(1);
        String b = "brand=" + brand;

        JsonNode all = read("/api/v1/evaluations?" + b, OFFICER);
        assertThat(all.path("total").asLong()).isEqualTo(4);
        assertThat(ids(all)).as("newest first").containsExactly(id(lumen), id(pass1), id(fail2), id(fail1));
        JsonNode first = all.path("items").get(0);
        assertThat(first.path("submissionId").asText())
                .isEqualTo(lumen.path("submissionId").asText());
        assertThat(first.path("reference").asText()).isEqualTo("LUMEN-CALM-TEA");
        assertThat(first.path("agency").asText()).isEqualTo("Lumen Collective");
        assertThat(first.path("brand").asText()).isEqualTo(brand);
        assertThat(first.path("verdict").asText()).isEqualTo("PASS");
        assertThat(first.path("ruleSetHash").asText())
                .isEqualTo(lumen.path("ruleSetHash").asText());
        assertThat(first.path("evaluatedAt").asText()).isNotBlank();

        assertThat(ids(read("/api/v1/evaluations?agency=Northwind Media&" + b, MANAGER)))
                .containsExactlyInAnyOrder(id(fail1), id(fail2), id(pass1));
        assertThat(ids(read("/api/v1/evaluations?verdict=PASS&" + b, OFFICER)))
                .containsExactlyInAnyOrder(id(pass1), id(lumen));
        assertThat(ids(read("/api/v1/evaluations?verdict=FAIL&" + b, OFFICER)))
                .containsExactlyInAnyOrder(id(fail1), id(fail2));
        assertThat(read("/api/v1/evaluations?" + b + "&from=" + before + "&to=" + after, OFFICER)
                        .path("total")
                        .asLong())
                .isEqualTo(4);
        assertThat(read("/api/v1/evaluations?" + b + "&from=" + after, OFFICER)
                        .path("total")
                        .asLong())
                .isZero();
        assertThat(read("/api/v1/evaluations?" + b + "&to=" + before, OFFICER)
                        .path("total")
                        .asLong())
                .isZero();
        assertThat(read("/api/v1/evaluations?brand=No Such Brand", OFFICER)
                        .path("total")
                        .asLong())
                .isZero();

        JsonNode page0 = read("/api/v1/evaluations?" + b + "&page=0&size=3", OFFICER);
        JsonNode page1 = read("/api/v1/evaluations?" + b + "&page=1&size=3", OFFICER);
        assertThat(page0.path("total").asLong()).isEqualTo(4);
        assertThat(page0.path("page").asInt()).isZero();
        assertThat(page0.path("size").asInt()).isEqualTo(3);
        assertThat(page0.path("items")).hasSize(3);
        assertThat(page1.path("total").asLong()).isEqualTo(4);
        assertThat(page1.path("page").asInt()).isEqualTo(1);
        assertThat(ids(page1)).containsExactly(id(fail1));
        assertThat(read("/api/v1/evaluations?" + b + "&page=5&size=3", OFFICER).path("items"))
                .isEmpty();
    }

    @Test
    void filtersAreReadAsPeopleTypeThemAndTheLatestViewKeepsEachCampaignsNewest() throws Exception {
        String brand = unique("Typed Brand");
        JsonNode fail1 = submit(NORTHWIND, payload(SPEC_EXAMPLE, "brand", brand));
        JsonNode fail2 = submit(NORTHWIND, payload(SPEC_EXAMPLE, "brand", brand));
        JsonNode lumen = submit(LUMEN, payload(LUMEN_PASSING, "brand", brand));
        String b = "brand=" + brand.toLowerCase(java.util.Locale.ROOT);

        assertThat(ids(read("/api/v1/evaluations?agency=lumen&" + b, MANAGER)))
                .as("any part of the agency, any case")
                .containsExactly(id(lumen));
        assertThat(ids(read("/api/v1/evaluations?verdict=fail&" + b, MANAGER)))
                .containsExactlyInAnyOrder(id(fail1), id(fail2));
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        assertThat(read("/api/v1/evaluations?" + b + "&from=" + today + "&to=" + today, MANAGER)
                        .path("total")
                        .asLong())
                .as("plain days, both included")
                .isEqualTo(3);
        JsonNode latest = read("/api/v1/evaluations?latest=true&sort=agency&dir=asc&" + b, MANAGER);
        assertThat(ids(latest))
                .as("one line per campaign, its newest evaluation, by agency A to Z")
                .containsExactly(id(lumen), id(fail2));
        assertThat(latest.path("items").get(1).path("latest").asBoolean()).isTrue();
        JsonNode every = read("/api/v1/evaluations?" + b + "&agency=northwind", MANAGER);
        assertThat(every.path("items").get(1).path("latest").asBoolean()).isFalse();

        JsonNode swapped = assertProblem(
                mvc.perform(get("/api/v1/evaluations?from=2026-12-05&to=2026-12-01")
                                .with(MANAGER.basic()))
                        .andReturn(),
                400);
        assertThat(swapped.path("detail").asText()).contains("'from' (2026-12-05) is after 'to' (2026-12-01)");
        for (String bad : List.of("verdict=maybe", "from=yesterday", "sort=colour", "dir=up")) {
            assertThat(assertProblem(
                                    mvc.perform(get("/api/v1/evaluations?" + bad)
                                                    .with(MANAGER.basic()))
                                            .andReturn(),
                                    400)
                            .path("detail")
                            .asText())
                    .as(bad)
                    .contains(bad.substring(bad.indexOf('=') + 1));
        }
    }

    @Test
    void anAgencyListsOnlyItsOwnEvaluations() throws Exception {
        String brand = unique("Shared Brand");
        JsonNode northwind = submit(NORTHWIND, payload(SPEC_EXAMPLE, "brand", brand));
        JsonNode lumen = submit(LUMEN, payload(LUMEN_PASSING, "brand", brand));
        String b = "brand=" + brand;

        assertThat(ids(read("/api/v1/evaluations?" + b, NORTHWIND))).containsExactly(id(northwind));
        assertThat(ids(read("/api/v1/evaluations?" + b, LUMEN))).containsExactly(id(lumen));
        JsonNode asked = read("/api/v1/evaluations?agency=Lumen Collective&" + b, NORTHWIND);
        assertThat(asked.path("total").asLong())
                .as("another agency's evaluations stay hidden")
                .isZero();
        assertThat(asked.path("items")).isEmpty();
        for (JsonNode item : read("/api/v1/evaluations?size=200", NORTHWIND).path("items")) {
            assertThat(item.path("agency").asText()).isEqualTo("Northwind Media");
        }
    }

    @Test
    void anEvaluationIsReadByIdWithEveryFinding() throws Exception {
        JsonNode created = submit(NORTHWIND, SPEC_EXAMPLE);

        JsonNode read = read("/api/v1/evaluations/" + id(created), OFFICER);

        assertThat(read).isEqualTo(created);
        assertCompleteFindings(read);
        assertThat(read("/api/v1/evaluations/" + id(created), NORTHWIND)).isEqualTo(created);
        assertThat(read("/api/v1/evaluations/" + id(created), MANAGER)).isEqualTo(created);
    }

    @Test
    void reevaluatingJudgesTheStoredSubmissionAgainAndKeepsTheOldEvaluation() throws Exception {
        String brand = unique("Reevaluated Brand");
        JsonNode old = submit(NORTHWIND, payload(SPEC_EXAMPLE, "brand", brand));

        MvcResult r = mvc.perform(
                        post("/api/v1/evaluations/" + id(old) + "/reevaluate").with(OFFICER.basic()))
                .andReturn();

        assertThat(r.getResponse().getStatus())
                .as(r.getResponse().getContentAsString())
                .isEqualTo(201);
        JsonNode fresh = json(r);
        assertThat(id(fresh)).isNotBlank().isNotEqualTo(id(old));
        assertThat(r.getResponse().getHeader(HttpHeaders.LOCATION)).endsWith("/api/v1/evaluations/" + id(fresh));
        assertThat(fresh.path("submissionId")).isEqualTo(old.path("submissionId"));
        assertThat(fresh.path("submittedBy").asText()).isEqualTo("northwind");
        assertThat(fresh.path("evaluatedBy").asText()).isEqualTo("officer");
        assertThat(fresh.path("verdict")).isEqualTo(old.path("verdict"));
        assertThat(fresh.path("ruleSetHash")).isEqualTo(old.path("ruleSetHash"));
        assertThat(fresh.path("findings")).isEqualTo(old.path("findings"));
        assertThat(fresh.path("asOf")).as("judged as of the same moment").isEqualTo(old.path("asOf"));

        assertThat(read("/api/v1/evaluations/" + id(old), NORTHWIND))
                .as("the old one stays")
                .isEqualTo(old);
        assertThat(read("/api/v1/evaluations/" + id(fresh), NORTHWIND)).isEqualTo(fresh);
        assertThat(ids(read("/api/v1/evaluations?brand=" + brand, NORTHWIND))).containsExactly(id(fresh), id(old));

        MvcResult byManager = mvc.perform(
                        post("/api/v1/evaluations/" + id(old) + "/reevaluate").with(MANAGER.basic()))
                .andReturn();
        assertThat(byManager.getResponse().getStatus()).isEqualTo(201);
        assertThat(id(json(byManager))).isNotIn(id(old), id(fresh));
    }

    static String id(JsonNode evaluation) {
        return evaluation.path("id").asText();
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }
}
