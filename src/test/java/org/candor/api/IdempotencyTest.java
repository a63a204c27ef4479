package org.candor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.candor.intake.Submission;
import org.candor.intake.SubmissionStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The Idempotency-Key header: a campaign sent again with the key of an earlier submission gets
 * that submission's first evaluation back, and nothing is stored twice.
 */
class IdempotencyTest extends ApiTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SubmissionStore store;

    long submissionsOf(String brand) {
        return jdbc.sql("SELECT COUNT(*) FROM submission WHERE brand = :b")
                .param("b", brand)
                .query(Long.class)
                .single();
    }

    long evaluationsOf(String brand) {
        return jdbc.sql("SELECT COUNT(*) FROM evaluation WHERE brand = :b")
                .param("b", brand)
                .query(Long.class)
                .single();
    }

    MvcResult send(User user, byte[] body, String key) throws Exception {
        return mvc.perform(submission(body).header("Idempotency-Key", key).with(user.basic()))
                .andReturn();
    }

    @Test
    void aRepeatWithTheSameKeyGetsTheFirstEvaluationAndStoresNothing() throws Exception {
        String brand = unique("Idem");
        byte[] body = payload(PASSING, "brand", brand);
        String key = UUID.randomUUID().toString();

        MvcResult first = send(NORTHWIND, body, key);
        assertThat(first.getResponse().getStatus()).isEqualTo(201);
        String id = json(first).path("id").asText();

        for (int i = 0; i < 3; i++) {
            MvcResult again = send(NORTHWIND, body, key);
            assertThat(again.getResponse().getStatus())
                    .as(again.getResponse().getContentAsString())
                    .isEqualTo(200);
            assertThat(again.getResponse().getHeader("Idempotent-Replayed")).isEqualTo("true");
            assertThat(again.getResponse().getHeader("Location")).isEqualTo("/api/v1/evaluations/" + id);
            assertThat(json(again).path("id").asText()).isEqualTo(id);
        }
        assertThat(submissionsOf(brand)).isEqualTo(1);
        assertThat(evaluationsOf(brand)).isEqualTo(1);

        MvcResult without =
                mvc.perform(submission(body).with(NORTHWIND.basic())).andReturn();
        assertThat(without.getResponse().getStatus())
                .as("without a key every request is a new submission")
                .isEqualTo(201);
        assertThat(submissionsOf(brand)).isEqualTo(2);
    }

    @Test
    void theSameKeyWithAnotherCampaignIs422AndStoresNothing() throws Exception {
        String brand = unique("Idem other");
        String key = UUID.randomUUID().toString();
        assertThat(send(NORTHWIND, payload(PASSING, "brand", brand), key)
                        .getResponse()
                        .getStatus())
                .isEqualTo(201);
        MvcResult other = send(NORTHWIND, payload(PASSING, "brand", brand, "reference", "OTHER-REF"), key);
        JsonNode p = assertProblem(other, 422);
        assertThat(p.path("detail").asText()).contains(key).contains("different campaign");
        assertThat(submissionsOf(brand)).isEqualTo(1);
    }

    @Test
    void keysBelongToTheirUser() throws Exception {
        String key = UUID.randomUUID().toString();
        String brand = unique("Idem users");
        MvcResult northwind = send(NORTHWIND, payload(PASSING, "brand", brand), key);
        MvcResult lumen = send(LUMEN, payload(LUMEN_PASSING, "brand", brand), key);
        assertThat(northwind.getResponse().getStatus()).isEqualTo(201);
        assertThat(lumen.getResponse().getStatus()).isEqualTo(201);
        assertThat(json(lumen).path("id").asText())
                .isNotEqualTo(json(northwind).path("id").asText());
        assertThat(submissionsOf(brand)).isEqualTo(2);
    }

    @Test
    void aKeyThatIsNotVisibleAsciiOrTooLongIs400() throws Exception {
        byte[] body = payload(PASSING, "brand", unique("Idem bad"));
        for (String bad : List.of("has space", "x".repeat(256), "caf\u00e9")) {
            JsonNode p = assertProblem(send(NORTHWIND, body, bad), 400);
            assertThat(p.path("detail").asText()).contains("Idempotency-Key");
        }
    }

    @Test
    void aRetryOfASubmissionStoredButNeverEvaluatedEvaluatesItOnce() throws Exception {
        String brand = unique("Idem stored");
        byte[] body = payload(PASSING, "brand", brand);
        String key = UUID.randomUUID().toString();
        // what a request that failed after storing the campaign leaves behind
        String submissionId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        store.insert(
                new Submission(
                        submissionId,
                        "SPRING-PASS",
                        "Northwind Media",
                        brand,
                        "northwind",
                        now,
                        now,
                        Submission.RECEIVED,
                        HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256").digest(body)),
                        "application/json",
                        new String(body, StandardCharsets.UTF_8)),
                key);

        MvcResult retry = send(NORTHWIND, body, key);
        assertThat(retry.getResponse().getStatus())
                .as(retry.getResponse().getContentAsString())
                .isEqualTo(200);
        JsonNode e = json(retry);
        assertThat(e.path("submissionId").asText()).isEqualTo(submissionId);
        assertThat(e.path("verdict").asText()).isEqualTo("PASS");

        MvcResult again = send(NORTHWIND, body, key);
        assertThat(json(again).path("id").asText()).isEqualTo(e.path("id").asText());
        assertThat(submissionsOf(brand)).isEqualTo(1);
        assertThat(evaluationsOf(brand)).isEqualTo(1);
    }

    @Test
    void theSameKeySentManyTimesAtOnceMakesOneSubmission() throws Exception {
        String brand = unique("Idem race");
        byte[] body = payload(PASSING, "brand", brand);
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<MvcResult>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> send(NORTHWIND, body, key)));
            }
            List<String> ids = new ArrayList<>();
            int created = 0;
            for (Future<MvcResult> f : answers) {
                MvcResult r = f.get();
                assertThat(r.getResponse().getStatus())
                        .as(r.getResponse().getContentAsString())
                        .isIn(200, 201);
                created += r.getResponse().getStatus() == 201 ? 1 : 0;
                ids.add(json(r).path("id").asText());
            }
            assertThat(created).isEqualTo(1);
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(submissionsOf(brand)).isEqualTo(1);
        assertThat(evaluationsOf(brand)).isEqualTo(1);
    }

    @Test
    void theAgencyFormSentTwiceMakesOneEvaluation() throws Exception {
        String brand = unique("Idem form");
        String json = new String(payload(PASSING, "brand", brand), StandardCharsets.UTF_8);
        String key = UUID.randomUUID().toString();
        List<String> redirects = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            MvcResult r = mvc.perform(multipart("/agency/submit")
                            .param("json", json)
                            .param("idempotencyKey", key)
                            .with(csrf())
                            .with(user("northwind").roles("AGENCY")))
                    .andReturn();
            assertThat(r.getResponse().getStatus()).isEqualTo(302);
            redirects.add(r.getResponse().getRedirectedUrl());
        }
        assertThat(redirects.get(1)).isEqualTo(redirects.get(0));
        assertThat(submissionsOf(brand)).isEqualTo(1);
    }

    @Test
    void theAgencyFormCarriesAFreshKey() throws Exception {
        MvcResult page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/agency")
                        .with(user("northwind").roles("AGENCY")))
                .andReturn();
        assertThat(page.getResponse().getContentAsString())
                .containsPattern("name=\"idempotencyKey\" value=\"[0-9a-f-]{36}\"");
    }
}
