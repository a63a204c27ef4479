package org.candor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.candor.evaluation.BoundsFixtures;
import org.candor.intake.EvaluationPool;
import org.candor.intake.IntakeService;
import org.candor.intake.Submission;
import org.candor.intake.SubmissionStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The API under bounds, with a pack whose one rule matches every triple of posts: a campaign that
 * makes it reach the firing limit is answered 422 and stored as ERROR with the reason, a busy
 * service answers 503 with Retry-After before storing anything (at its edge, before the sign-in,
 * when it carries credentials), and the officer's rule tests fail a case that reaches the bounds.
 */
class EvaluationBoundsApiTest extends ApiTestSupport {

    private static final Path RULES = rules();

    private static Path rules() {
        try {
            Path dir = Files.createTempDirectory("candor-bounds-rules");
            BoundsFixtures.pack(dir, "cross-product.drl");
            BoundsFixtures.loadCase(dir, 20);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void bounds(DynamicPropertyRegistry registry) {
        registry.add("candor.rules-dir", RULES::toString);
        registry.add("candor.rules-watch.enabled", () -> "false");
        registry.add("candor.evaluation.max-firings", () -> "1000");
        registry.add("candor.evaluation.threads", () -> "1");
        registry.add("candor.evaluation.queue", () -> "1");
        registry.add("candor.evaluation.retry-after", () -> "7s");
    }

    @Autowired
    SubmissionStore store;

    @Autowired
    EvaluationPool pool;

    @Autowired
    MeterRegistry meters;

    @Test
    void aCampaignThatReachesTheFiringLimitIsAnswered422AndStoredAsError() throws Exception {
        // 20 posts: 8,000 triples, eight times the limit.
        MvcResult r = mvc.perform(
                        submission(BoundsFixtures.campaignWithPosts(20)).with(NORTHWIND.basic()))
                .andReturn();

        JsonNode problem = assertProblem(r, 422);
        assertThat(problem.path("title").asText()).isEqualTo("Evaluation stopped");
        assertThat(problem.path("detail").asText())
                .contains("stored but not judged")
                .contains("1000 rule firings");
        assertThat(problem.path("bound").asText()).isEqualTo("FIRINGS");
        assertThat(problem.path("submissionStatus").asText()).isEqualTo("ERROR");
        String id = problem.path("submissionId").asText();
        SubmissionStore.State state = store.state(id).orElseThrow();
        assertThat(state.status()).isEqualTo(Submission.ERROR);
        assertThat(state.error()).contains("1000 rule firings");
        assertThat(state.attempts()).isEqualTo(1);
        assertThat(store.countEvaluations(id)).isZero();
    }

    @Test
    void theSameSubmissionSentAgainUnderItsKeyAnswersTheSameProblem() throws Exception {
        byte[] body = BoundsFixtures.campaignWithPosts(20);
        JsonNode first = assertProblem(
                mvc.perform(submission(body)
                                .header("Idempotency-Key", "bounds-1")
                                .with(NORTHWIND.basic()))
                        .andReturn(),
                422);
        JsonNode again = assertProblem(
                mvc.perform(submission(body)
                                .header("Idempotency-Key", "bounds-1")
                                .with(NORTHWIND.basic()))
                        .andReturn(),
                422);
        assertThat(again.path("submissionId").asText())
                .isEqualTo(first.path("submissionId").asText());
        assertThat(again.path("detail").asText()).contains("1000 rule firings");
        assertThat(store.state(first.path("submissionId").asText())
                        .orElseThrow()
                        .attempts())
                .as("not tried again")
                .isEqualTo(1);
    }

    @Test
    void aCaptionOverTheCapIsRejectedNamingTheField() throws Exception {
        ObjectNode c = (ObjectNode) mapper.readTree(BoundsFixtures.campaignWithPosts(1));
        ((ObjectNode) c.get("posts").get(0)).put("text", "#ad kg down " + "1".repeat(20_000));

        MvcResult r = mvc.perform(submission(mapper.writeValueAsBytes(c)).with(NORTHWIND.basic()))
                .andReturn();

        JsonNode problem = assertProblem(r, 422);
        assertThat(problem.path("problems")).singleElement().satisfies(p -> {
            assertThat(p.path("path").asText()).isEqualTo("$.posts[0].text");
            assertThat(p.path("message").asText()).contains("at most 10,000");
        });
    }

    @Test
    void aCampaignUnderTheLimitIsJudged() throws Exception {
        // 5 posts: 125 triples.
        JsonNode e = submit(NORTHWIND, BoundsFixtures.campaignWithPosts(5));
        assertThat(e.path("findings")).hasSize(125);
    }

    @Test
    void whenEveryPlaceIsTakenTheServiceAnswers503WithRetryAfterAndStoresNothing() throws Exception {
        List<EvaluationPool.Place> taken = new ArrayList<>();
        long before = store.received().size();
        try {
            // One thread and one waiting place.
            taken.add(pool.reserve());
            taken.add(pool.reserve());
            MvcResult r = mvc.perform(
                            submission(BoundsFixtures.campaignWithPosts(1)).with(NORTHWIND.basic()))
                    .andReturn();
            JsonNode problem = assertProblem(r, 503);
            assertThat(r.getResponse().getHeader("Retry-After")).isEqualTo("7");
            assertThat(problem.path("detail").asText()).contains("nothing was stored");
            // Refused before the body is read: a body that is not JSON and a workbook that is not
            // one, which a free service answers 400 and 422, are not even looked at.
            assertUnreadBodiesAnswered(503, 503);
            assertThat(store.received()).hasSize((int) before);
        } finally {
            taken.forEach(EvaluationPool.Place::close);
        }
        submit(NORTHWIND, BoundsFixtures.campaignWithPosts(1));
        // With a place free again, the same bodies are read and refused for what they are.
        assertUnreadBodiesAnswered(400, 422);
    }

    @Test
    void aBusyServiceRefusesWhatWouldTakeAPlaceBeforeTheSignIn() throws Exception {
        User wrong = new User(NORTHWIND.name(), "not-the-password");
        byte[] campaign = BoundsFixtures.campaignWithPosts(1);
        double refusedBefore = meters.counter("candor.evaluation.busy").count();
        List<EvaluationPool.Place> taken = new ArrayList<>();
        try {
            taken.add(pool.reserve());
            taken.add(pool.reserve());
            assertThat(pool.full()).isTrue();
            // A wrong password is not even checked: the refusal comes first, so no sign-in (its
            // password hashing) and no body is spent on a submission that could not be judged.
            MvcResult r = mvc.perform(submission(campaign).with(wrong.basic())).andReturn();
            JsonNode problem = assertProblem(r, 503);
            assertThat(r.getResponse().getHeader("Retry-After")).isEqualTo("7");
            assertThat(r.getResponse().getHeader("Connection")).isEqualTo("close");
            assertThat(problem.path("title").asText()).isEqualTo("Busy");
            assertThat(problem.path("detail").asText()).contains("nothing was stored");
            assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/evaluations");
            // An upload and a re-evaluation take a place too (an agency may not re-evaluate: it
            // learns that once the service has a place for it).
            MockMultipartFile file =
                    new MockMultipartFile("file", "campaign.json", MediaType.APPLICATION_JSON_VALUE, campaign);
            assertProblem(
                    mvc.perform(multipart("/api/v1/evaluations").file(file).with(wrong.basic()))
                            .andReturn(),
                    503);
            assertProblem(
                    mvc.perform(post("/api/v1/evaluations/{id}/reevaluate", "any")
                                    .with(NORTHWIND.basic()))
                            .andReturn(),
                    503);
            // Over a real connection: the answer arrives whole although the body was not read, and
            // the server's own count of requests has it.
            long timed503 = timedRefusals();
            String answer = postOverSocket(campaign, "northwind:not-the-password");
            assertThat(answer)
                    .startsWith("HTTP/1.1 503")
                    .containsIgnoringCase("Retry-After: 7")
                    .containsIgnoringCase("Connection: close")
                    .contains("\"title\":\"Busy\"")
                    .contains("\"instance\":\"/api/v1/evaluations\"");
            assertThat(timedRefusals()).isEqualTo(timed503 + 1);
            assertThat(meters.counter("candor.evaluation.busy").count())
                    .as("each refusal counted as busy")
                    .isEqualTo(refusedBefore + 4);
            // Without credentials, the 401 as always; what takes no place is not refused.
            assertThat(status(submission(campaign))).isEqualTo(401);
            assertThat(status(get("/api/v1/evaluations").with(NORTHWIND.basic())))
                    .isEqualTo(200);
            assertThat(status(post("/api/v1/evaluations/a/b/reevaluate").with(wrong.basic())))
                    .isEqualTo(401);
            assertThat(status(post("/api/v1/evaluations/reevaluate").with(wrong.basic())))
                    .isEqualTo(401);
        } finally {
            taken.forEach(EvaluationPool.Place::close);
        }
        assertThat(pool.full()).isFalse();
        assertThat(status(submission(campaign).with(wrong.basic())))
                .as("with a place free, the password is checked again")
                .isEqualTo(401);
        assertThat(status(post("/api/v1/evaluations/{id}/reevaluate", "any").with(NORTHWIND.basic())))
                .as("and the role")
                .isEqualTo(403);
    }

    @Test
    void aSubmissionThatFindsNoPlaceAfterTheEdgeGetsTheSameAnswer() throws Exception {
        List<EvaluationPool.Place> taken = new ArrayList<>();
        try {
            taken.add(pool.reserve());
            taken.add(pool.reserve());
            // Signed in without credentials in the request (as a session would be), the request
            // passes the edge and is refused by the intake when it reserves its place.
            MvcResult r = mvc.perform(submission(BoundsFixtures.campaignWithPosts(1))
                            .with(user(NORTHWIND.name()).roles("AGENCY")))
                    .andReturn();
            JsonNode problem = assertProblem(r, 503);
            assertThat(r.getResponse().getHeader("Retry-After")).isEqualTo("7");
            assertThat(problem.path("title").asText()).isEqualTo("Busy");
            assertThat(problem.path("detail").asText()).contains("nothing was stored");
            assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/evaluations");
        } finally {
            taken.forEach(EvaluationPool.Place::close);
        }
    }

    /** POSTs a campaign on a socket of its own with these credentials; answers all the server sent. */
    private String postOverSocket(byte[] body, String credentials) throws IOException {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(10_000);
            String head = "POST /api/v1/evaluations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)) + "\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(body);
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The 503s {@code http.server.requests} timed so far. */
    private long timedRefusals() {
        return meters.find("http.server.requests").tag("status", "503").timers().stream()
                .mapToLong(Timer::count)
                .sum();
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    /** Sends a body that is not JSON and an upload that is not a workbook; asserts their answers. */
    private void assertUnreadBodiesAnswered(int notJson, int notAWorkbook) throws Exception {
        byte[] broken = "{ not json".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertProblem(mvc.perform(submission(broken).with(NORTHWIND.basic())).andReturn(), notJson);
        MockMultipartFile file =
                new MockMultipartFile("file", "campaign.xlsx", IntakeService.WORKBOOK_TYPE, new byte[] {1, 2, 3});
        assertProblem(
                mvc.perform(multipart("/api/v1/evaluations").file(file).with(NORTHWIND.basic()))
                        .andReturn(),
                notAWorkbook);
    }

    @Test
    void theOfficersRuleTestsFailACaseThatReachesTheBounds() throws Exception {
        MvcResult r = mvc.perform(post("/api/v1/rules/test")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"files\": {}}")
                        .with(OFFICER.basic()))
                .andReturn();
        assertThat(r.getResponse().getStatus())
                .as(r.getResponse().getContentAsString())
                .isEqualTo(200);
        JsonNode run = json(r);
        assertThat(run.path("failed").asInt()).isEqualTo(1);
        assertThat(run.path("cases")).singleElement().satisfies(c -> {
            assertThat(c.path("passed").asBoolean()).isFalse();
            assertThat(c.path("detail").asText())
                    .contains("evaluation exceeded its bounds")
                    .contains("1000 rule firings");
        });
        // Nothing was changed: the case fails with the rules in force too, so it is already
        // failing, not a failure of this edit, and it does not stop the edit.
        assertThat(run.path("newFailures")).isEmpty();
        assertThat(run.path("alreadyFailing"))
                .singleElement()
                .satisfies(c -> assertThat(c.path("detail").asText()).contains("1000 rule firings"));
        assertThat(run.path("ok").asBoolean()).isTrue();
    }
}
