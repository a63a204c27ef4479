package org.candor.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.campaign.Campaign;
import org.candor.campaign.CampaignReader;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Evaluator;
import org.candor.evaluation.Verdict;
import org.candor.rules.RuleService;
import org.candor.support.ServiceTest;
import org.candor.system.Account;
import org.candor.system.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** What the store must do on every database it runs on. */
@ServiceTest
abstract class StorageContract {

    @Autowired
    SubmissionStore store;

    @Autowired
    RuleService rules;

    @Autowired
    IntakeService intake;

    @Autowired
    Recovery recovery;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    MockMvc mvc;

    /**
     * The start's own recovery runs on one background thread and judges whatever is RECEIVED: a run
     * queued behind it returns once it is over, so it never takes the rows these tests plant.
     */
    @BeforeEach
    void startRecoveryIsOver() throws Exception {
        recovery.startRecovery().get(2, TimeUnit.MINUTES);
    }

    private static final Path SPEC_EXAMPLE = Path.of("src/test/resources/campaigns/spec-example.json");

    static Submission received(String agency, Instant at) throws Exception {
        String payload = Files.readString(SPEC_EXAMPLE).replace("Northwind Media", agency);
        return new Submission(
                UUID.randomUUID().toString(),
                "ACME-SPRING-26",
                agency,
                "Acme Skincare",
                "tester",
                at,
                at,
                Submission.RECEIVED,
                "hash",
                "application/json",
                payload);
    }

    StoredEvaluation evaluationOf(Submission s) throws Exception {
        Campaign c = new CampaignReader().read(s.payload().getBytes());
        EvaluationResult r = new Evaluator().evaluate(c, rules.current());
        return new StoredEvaluation(UUID.randomUUID().toString(), s.id(), s.submittedBy(), "tester", r);
    }

    @Test
    void aSubmissionIsKeptAsReceivedUntilItsFirstEvaluationIsStored() throws Exception {
        Submission s = received("Store Agency " + UUID.randomUUID(), Instant.parse("2026-10-01T09:00:00Z"));
        store.insert(s);
        assertThat(store.received()).extracting(Submission::id).contains(s.id());
        Submission back = store.submission(s.id()).orElseThrow();
        assertThat(back.payload()).isEqualTo(s.payload());
        assertThat(back.receivedAt()).isEqualTo(s.receivedAt());
        assertThat(back.status()).isEqualTo(Submission.RECEIVED);

        StoredEvaluation e = evaluationOf(s);
        assertThat(store.insert(e, true)).isTrue();
        assertThat(store.submission(s.id()).orElseThrow().status()).isEqualTo(Submission.EVALUATED);
        assertThat(store.received()).extracting(Submission::id).doesNotContain(s.id());

        StoredEvaluation read = store.evaluation(e.id()).orElseThrow();
        assertThat(read.result()).isEqualTo(e.result());
        assertThat(read.submittedBy()).isEqualTo("tester");
    }

    /**
     * A submission's status and attempts are kept apart from its campaign text: updating them
     * writes a short row (on the embedded database, not the page of neighbouring campaign texts
     * too), and the text stays as it was received.
     */
    @Test
    void updatingASubmissionsStatusLeavesItsCampaignTextApartAndAsReceived() throws Exception {
        Submission s = received("Status Agency " + UUID.randomUUID(), Instant.parse("2026-10-01T09:00:00Z"));
        store.insertStarted(s, null);
        assertThat(store.startAttempt(s.id())).isEqualTo(2);
        store.giveBackAttempt(s.id());
        assertThat(store.markError(s.id(), "stopped")).isTrue();

        Map<String, Object> row = jdbc.sql("SELECT * FROM submission WHERE id = :id")
                .param("id", s.id())
                .query()
                .singleRow();
        assertThat(row).containsEntry("status", Submission.ERROR).containsEntry("attempts", 1);
        assertThat(row).doesNotContainKey("payload");
        assertThat(row.values()).as("the row updated holds no campaign text").doesNotContain(s.payload());
        assertThat(jdbc.sql("SELECT payload FROM submission_payload WHERE submission_id = :id")
                        .param("id", s.id())
                        .query(String.class)
                        .single())
                .isEqualTo(s.payload());
        Submission back = store.submission(s.id()).orElseThrow();
        assertThat(back.payload()).isEqualTo(s.payload());
        assertThat(back.status()).isEqualTo(Submission.ERROR);
        assertThat(store.submissionByKey("tester", "no such key")).isEmpty();
    }

    /** A submission sent again with the same Idempotency-Key is refused whole: no second campaign text. */
    @Test
    void aSubmissionRefusedForItsKeyLeavesNoCampaignTextBehind() throws Exception {
        String key = "key-" + UUID.randomUUID();
        Submission first = received("Key Agency " + UUID.randomUUID(), Instant.parse("2026-10-01T09:00:00Z"));
        store.insertStarted(first, key);
        Submission again = received(first.agency(), Instant.parse("2026-10-01T09:01:00Z"));
        assertThatThrownBy(() -> store.insertStarted(again, key)).isInstanceOf(DuplicateKeyException.class);
        assertThat(store.submissionByKey("tester", key).orElseThrow().id()).isEqualTo(first.id());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM submission_payload WHERE submission_id = :id")
                        .param("id", again.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /**
     * A new evaluation is kept as its JSON compressed with gzip, about four times smaller than the
     * text; a row stored before, as JSON text, reads back as the same result, and the API, the
     * evaluation page and the workbook show the same for both.
     */
    @Test
    void anEvaluationIsStoredCompactlyAndOneStoredAsTextBeforeReadsAndShowsTheSame() throws Exception {
        String agency = "Northwind Media";
        String reference = "COMPACT-" + UUID.randomUUID();
        Submission s = withReference(received(agency, Instant.parse("2026-10-02T09:00:00Z")), reference);
        store.insert(s);
        StoredEvaluation e = evaluationOf(s);
        assertThat(store.insert(e, true)).isTrue();

        Map<String, Object> row = jdbc.sql("SELECT result, result_gzip FROM evaluation WHERE id = :id")
                .param("id", e.id())
                .query()
                .singleRow();
        assertThat(row.get("result")).as("no text kept").isNull();
        String json = mapper.writeValueAsString(e.result());
        byte[] gzip = (byte[]) row.get("result_gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(json);
        }
        assertThat(gzip.length).as("compressed").isLessThan(json.length() / 3);

        // The same evaluation as every row was stored before: JSON text, no compact form.
        Submission before = withReference(received(agency, s.receivedAt()), reference + "-BEFORE");
        store.insert(before);
        String old = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO evaluation (id, submission_id, reference, agency, brand, rule_set_hash, verdict, fails,
                                        warnings, infos, waived, evaluated_at, evaluated_by, result)
                SELECT :old, :sub, reference, agency, brand, rule_set_hash, verdict, fails, warnings, infos, waived,
                       evaluated_at, evaluated_by, :json FROM evaluation WHERE id = :id
                """)
                .param("old", old)
                .param("sub", before.id())
                .param("json", json)
                .param("id", e.id())
                .update();

        StoredEvaluation fresh = store.evaluation(e.id()).orElseThrow();
        StoredEvaluation earlier = store.evaluation(old).orElseThrow();
        assertThat(fresh.result()).isEqualTo(e.result());
        assertThat(earlier.result()).isEqualTo(e.result());
        assertThat(store.latestEvaluation(before.id()).orElseThrow().result()).isEqualTo(e.result());
        assertThat(store.all(new EvaluationQuery(agency, null, null, null, null, false, null, reference, null, true)))
                .extracting(StoredEvaluation::result)
                .hasSize(2)
                .containsOnly(e.result());

        // What a user sees of each: the API's JSON, the evaluation page, the workbook.
        MockHttpSession officer = signIn("officer", "officer-demo");
        assertThat(shown(old, before.id(), officer)).isEqualTo(shown(e.id(), s.id(), officer));

        // A waiver granted on the earlier row replaces its result: stored compactly from then on.
        EvaluationResult waived = e.result().withVerdict(Verdict.PASS);
        store.updateResult(old, waived);
        Map<String, Object> replaced = jdbc.sql("SELECT result, result_gzip, verdict FROM evaluation WHERE id = :id")
                .param("id", old)
                .query()
                .singleRow();
        assertThat(replaced.get("result")).isNull();
        assertThat(replaced.get("result_gzip")).isNotNull();
        assertThat(replaced.get("verdict")).isEqualTo("PASS");
        assertThat(store.evaluation(old).orElseThrow().result()).isEqualTo(waived);
    }

    /**
     * Submissions and evaluations taken in one after another get ids that the database itself sorts
     * in the order they were made (time-ordered UUIDs, version 7): its indexes on them grow at one
     * end.
     */
    @Test
    void acceptedSubmissionsAndTheirEvaluationsGetIdsTheDatabaseSortsInTheOrderTheyWereMade() throws Exception {
        String agency = "Order Agency " + UUID.randomUUID();
        Account account = new Account("order-" + UUID.randomUUID(), Role.AGENCY, agency);
        byte[] body = Files.readString(SPEC_EXAMPLE)
                .replace("Northwind Media", agency)
                .getBytes(StandardCharsets.UTF_8);
        List<String> submissions = new ArrayList<>();
        List<String> evaluations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            StoredEvaluation e = intake.submit(body, "application/json", account);
            assertThat(UUID.fromString(e.id()).version()).isEqualTo(7);
            assertThat(UUID.fromString(e.submissionId()).version()).isEqualTo(7);
            submissions.add(e.submissionId());
            evaluations.add(e.id());
        }
        assertThat(jdbc.sql("SELECT id FROM submission WHERE agency = :a ORDER BY id")
                        .param("a", agency)
                        .query(String.class)
                        .list())
                .containsExactlyElementsOf(submissions);
        assertThat(jdbc.sql("SELECT id FROM evaluation WHERE agency = :a ORDER BY id")
                        .param("a", agency)
                        .query(String.class)
                        .list())
                .containsExactlyElementsOf(evaluations);
        assertThat(jdbc.sql("SELECT submission_id FROM evaluation WHERE agency = :a ORDER BY submission_id")
                        .param("a", agency)
                        .query(String.class)
                        .list())
                .containsExactlyElementsOf(submissions);
    }

    /** The ids the reports folder's catch-up works from: every evaluation, or those since a moment, oldest first. */
    @Test
    void evaluationIdsListEveryEvaluationOrThoseSinceAMomentOldestFirst() throws Exception {
        Submission s = received("Ids Agency " + UUID.randomUUID(), Instant.parse("2026-10-03T09:00:00Z"));
        store.insert(s);
        StoredEvaluation first = evaluationOf(s);
        // dated before every other evaluation of the tests
        Instant at = Instant.parse("1990-01-01T10:00:00Z");
        StoredEvaluation older = new StoredEvaluation(
                first.id(), s.id(), "tester", "tester", first.result().withEvaluatedAt(at));
        StoredEvaluation newer = new StoredEvaluation(
                UUID.randomUUID().toString(),
                s.id(),
                "tester",
                "tester",
                first.result().withEvaluatedAt(at.plusSeconds(60)));
        assertThat(store.insert(newer, true)).isTrue();
        assertThat(store.insert(older, false)).isTrue();

        List<String> all = store.evaluationIds(null);
        assertThat(all).startsWith(older.id(), newer.id());
        assertThat(all)
                .hasSize(jdbc.sql("SELECT count(*) FROM evaluation")
                        .query(Integer.class)
                        .single());
        assertThat(store.evaluationIds(at)).isEqualTo(all);
        assertThat(store.evaluationIds(at.plusSeconds(1)))
                .startsWith(newer.id())
                .doesNotContain(older.id())
                .hasSize(all.size() - 1);
        assertThat(store.evaluationIds(at.plusSeconds(61))).doesNotContain(older.id(), newer.id());
    }

    /**
     * An evaluation whose compact result was damaged in storage (cut short, not gzip at all, or
     * gzip of what is not a result):
     * reading it fails naming the evaluation and what is wrong, as the API's 500 does; listing the
     * evaluations and reading the others go on as before.
     */
    @Test
    void aDamagedCompactResultNamesItsEvaluationAndLeavesTheOthersReadable() throws Exception {
        String reference = "DAMAGED-" + UUID.randomUUID();
        Submission s = withReference(received("Northwind Media", Instant.parse("2026-10-03T09:00:00Z")), reference);
        store.insert(s);
        StoredEvaluation good = evaluationOf(s);
        assertThat(store.insert(good, true)).isTrue();
        StoredEvaluation damaged =
                new StoredEvaluation(UUID.randomUUID().toString(), s.id(), "tester", "tester", good.result());
        assertThat(store.insert(damaged, false)).isTrue();
        byte[] gzip = jdbc.sql("SELECT result_gzip FROM evaluation WHERE id = :id")
                .param("id", damaged.id())
                .query(byte[].class)
                .single();

        byte[] cut = java.util.Arrays.copyOf(gzip, gzip.length / 2);
        byte[] notGzip = gzip.clone();
        notGzip[0] = 'x';
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(text)) {
            out.write("{\"verdict\": \"MAYBE\"".getBytes(StandardCharsets.UTF_8));
        }
        Map<byte[], String> damages = new java.util.LinkedHashMap<>();
        damages.put(cut, "(compact form, not valid gzip): Unexpected end of ZLIB input stream");
        damages.put(notGzip, "(compact form, not valid gzip): Not in GZIP format");
        damages.put(text.toByteArray(), "(compact form, not a result): ");
        for (Map.Entry<byte[], String> d : damages.entrySet()) {
            jdbc.sql("UPDATE evaluation SET result_gzip = :bytes WHERE id = :id")
                    .param("bytes", d.getKey())
                    .param("id", damaged.id())
                    .update();
            assertThatThrownBy(() -> store.evaluation(damaged.id()))
                    .isInstanceOf(StoredResultUnreadableException.class)
                    .hasMessageStartingWith(
                            "evaluation " + damaged.id() + ": its stored result cannot be read " + d.getValue())
                    .extracting(e -> ((StoredResultUnreadableException) e).evaluationId())
                    .isEqualTo(damaged.id());
            assertThatThrownBy(() -> store.all(
                            new EvaluationQuery(null, null, null, null, null, false, null, reference, null, true)))
                    .isInstanceOf(StoredResultUnreadableException.class)
                    .hasMessageContaining(damaged.id());

            assertThat(store.evaluation(good.id()).orElseThrow().result()).isEqualTo(good.result());
            assertThat(store.list(
                                    new EvaluationQuery(
                                            null, null, null, null, null, false, null, reference, null, true),
                                    0,
                                    10)
                            .items())
                    .extracting(EvaluationSummary::id)
                    .containsExactlyInAnyOrder(good.id(), damaged.id());
            JsonNode listed = mapper.readTree(mvc.perform(get("/api/v1/evaluations")
                            .param("reference", reference)
                            .with(httpBasic("officer", "officer-demo")))
                    .andReturn()
                    .getResponse()
                    .getContentAsByteArray());
            assertThat(listed.path("items").findValuesAsText("id")).containsExactlyInAnyOrder(good.id(), damaged.id());

            MvcResult answer = mvc.perform(
                            get("/api/v1/evaluations/{id}", damaged.id()).with(httpBasic("officer", "officer-demo")))
                    .andReturn();
            assertThat(answer.getResponse().getStatus()).isEqualTo(500);
            JsonNode problem = mapper.readTree(answer.getResponse().getContentAsByteArray());
            assertThat(problem.path("title").asText()).isEqualTo("Stored evaluation unreadable");
            assertThat(problem.path("detail").asText()).contains(damaged.id());
            assertThat(mvc.perform(get("/api/v1/evaluations/{id}", good.id())
                                    .with(httpBasic("officer", "officer-demo")))
                            .andReturn()
                            .getResponse()
                            .getStatus())
                    .isEqualTo(200);
        }
    }

    private static Submission withReference(Submission s, String reference) {
        return new Submission(
                s.id(),
                reference,
                s.agency(),
                s.brand(),
                s.submittedBy(),
                s.receivedAt(),
                s.asOf(),
                s.status(),
                s.inputHash(),
                s.contentType(),
                s.payload().replace("ACME-SPRING-26", reference));
    }

    private MockHttpSession signIn(String user, String password) throws Exception {
        MvcResult r = mvc.perform(post("/login")
                        .param("username", user)
                        .param("password", password)
                        .with(csrf()))
                .andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/");
        return (MockHttpSession) r.getRequest().getSession(false);
    }

    /**
     * An evaluation as the API, its page and its workbook show it, with its own ids (and the page's
     * form tokens) taken out.
     */
    private List<String> shown(String id, String submissionId, MockHttpSession officer) throws Exception {
        ObjectNode api = (ObjectNode) mapper.readTree(
                mvc.perform(get("/api/v1/evaluations/{id}", id).with(httpBasic("officer", "officer-demo")))
                        .andReturn()
                        .getResponse()
                        .getContentAsByteArray());
        assertThat(api.path("id").asText()).isEqualTo(id);
        api.remove(List.of("id", "submissionId"));
        String page = mvc.perform(get("/evaluations/{id}", id).session(officer))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains(id);
        page = page.replace(id, "{id}")
                .replace(submissionId, "{submission}")
                .replaceAll("name=\"_csrf\"[^>]*", "")
                .replaceAll("<meta name=\"_csrf[^>]*>", "");
        byte[] xlsx = mvc.perform(get("/evaluations/{id}/report.xlsx", id).session(officer))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        List<String> cells = new ArrayList<>();
        DataFormatter format = new DataFormatter();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : wb) {
                for (Row r : sheet) {
                    for (Cell c : r) {
                        cells.add(sheet.getSheetName() + "!" + c.getAddress() + "=" + format.formatCellValue(c));
                    }
                }
            }
        }
        assertThat(cells).isNotEmpty();
        return List.of(api.toString(), page, String.join("\n", cells).replace(id, "{id}"));
    }

    @Test
    void aSubmissionEvaluatedAtOnceIsStoredWithItsFirstAttemptCounted() throws Exception {
        Submission later = received("Attempt Agency " + UUID.randomUUID(), Instant.now());
        store.insert(later);
        assertThat(store.state(later.id()).orElseThrow().attempts()).isZero();
        Submission now = received("Attempt Agency " + UUID.randomUUID(), Instant.now());
        store.insertStarted(now, null);
        SubmissionStore.State state = store.state(now.id()).orElseThrow();
        assertThat(state.attempts()).as("as startAttempt would count it").isEqualTo(1);
        assertThat(state.status()).isEqualTo(Submission.RECEIVED);
        assertThat(store.received()).extracting(Submission::id).contains(now.id());
        assertThat(store.startAttempt(now.id())).as("a further attempt").isEqualTo(2);
    }

    @Test
    void aSecondFirstEvaluationOfTheSameSubmissionIsRefused() throws Exception {
        Submission s = received("Race Agency " + UUID.randomUUID(), Instant.now());
        store.insert(s);
        assertThat(store.insert(evaluationOf(s), true)).isTrue();
        assertThat(store.insert(evaluationOf(s), true))
                .as("already evaluated by someone else")
                .isFalse();
        assertThat(store.countEvaluations(s.id())).isEqualTo(1);
        assertThat(store.insert(evaluationOf(s), false))
                .as("a re-evaluation adds one")
                .isTrue();
        assertThat(store.countEvaluations(s.id())).isEqualTo(2);
    }

    @Test
    void listingFiltersByAgencyBrandVerdictAndPeriodAndPages() throws Exception {
        String agency = "List Agency " + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            Submission s = received(agency, Instant.now());
            store.insert(s);
            store.insert(evaluationOf(s), true);
        }
        Page<EvaluationSummary> page = store.list(new EvaluationQuery(agency, null, null, null, null), 0, 2);
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.items()).hasSize(2).allSatisfy(e -> assertThat(e.agency())
                .isEqualTo(agency));
        assertThat(store.list(new EvaluationQuery(agency, null, null, null, null), 2, 2)
                        .items())
                .hasSize(1);
        assertThat(store.list(new EvaluationQuery(agency, "Acme Skincare", Verdict.FAIL, null, null), 0, 10)
                        .total())
                .isEqualTo(5);
        assertThat(store.list(new EvaluationQuery(agency, null, Verdict.PASS, null, null), 0, 10)
                        .total())
                .isZero();
        assertThat(store.list(new EvaluationQuery(agency, "Other Brand", null, null, null), 0, 10)
                        .total())
                .isZero();
        Instant future = Instant.now().plusSeconds(3600);
        assertThat(store.list(new EvaluationQuery(agency, null, null, future, null), 0, 10)
                        .total())
                .isZero();
        assertThat(store.list(new EvaluationQuery(agency, null, null, null, future), 0, 10)
                        .total())
                .isEqualTo(5);
        assertThat(store.all(new EvaluationQuery(agency, null, null, null, null)))
                .hasSize(5)
                .allSatisfy(e -> assertThat(e.result().findings()).isNotEmpty());
    }

    /** Another evaluation of the submission: a re-evaluation made at {@code at} with verdict {@code v}. */
    StoredEvaluation again(StoredEvaluation e, Instant at, Verdict v) {
        EvaluationResult r = e.result();
        return new StoredEvaluation(
                UUID.randomUUID().toString(),
                e.submissionId(),
                e.submittedBy(),
                "officer",
                r.withEvaluatedAt(at).withVerdict(v));
    }

    @Test
    void theLatestViewKeepsEachCampaignsNewestEvaluationAndFiltersItsVerdict() throws Exception {
        String agency = "Latest Agency " + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-10-01T09:00:00Z");
        // Campaign ACME-SPRING-26: failed, re-evaluated (failed), resubmitted and passed.
        Submission first = received(agency, t0);
        store.insert(first);
        StoredEvaluation e1 = evaluationOf(first);
        store.insert(again(e1, t0, Verdict.FAIL), true);
        store.insert(again(e1, t0.plusSeconds(3600), Verdict.FAIL), false);
        Submission second = received(agency, t0.plusSeconds(7200));
        store.insert(second);
        store.insert(again(evaluationOf(second), t0.plusSeconds(7200), Verdict.PASS), true);

        EvaluationQuery all = new EvaluationQuery(agency, null, null, null, null);
        assertThat(store.list(all, 0, 10).total()).isEqualTo(3);
        assertThat(store.list(all, 0, 10).items())
                .extracting(EvaluationSummary::latest)
                .as("newest first, only the first is the campaign's latest")
                .containsExactly(true, false, false);
        EvaluationQuery latest = all.latestOnly(true);
        Page<EvaluationSummary> page = store.list(latest, 0, 10);
        assertThat(page.total()).isEqualTo(1);
        assertThat(page.items().get(0).verdict()).isEqualTo(Verdict.PASS);
        assertThat(store.verdicts(latest)).hasSize(1);
        assertThat(store.all(latest)).hasSize(1);
        assertThat(store.list(new EvaluationQuery(agency, null, Verdict.FAIL, null, null).latestOnly(true), 0, 10)
                        .total())
                .as("the campaign's newest evaluation passed, so it is not a failing campaign")
                .isZero();
        assertThat(store.list(new EvaluationQuery(agency, null, Verdict.FAIL, null, null), 0, 10)
                        .total())
                .isEqualTo(2);
        assertThat(store.list(
                                new EvaluationQuery(agency, null, null, null, t0.plusSeconds(7200)).latestOnly(true),
                                0,
                                10)
                        .items())
                .as("the newest evaluation within the period")
                .singleElement()
                .satisfies(e -> assertThat(e.verdict()).isEqualTo(Verdict.FAIL));
    }

    @Test
    void agencyBrandAndReferenceMatchAnyPartInAnyCaseAndTheListSortsByAnyColumn() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String agency = "Case Agency " + tag;
        Instant t0 = Instant.parse("2026-10-01T09:00:00Z");
        for (int i = 0; i < 3; i++) {
            Submission s = received(agency, t0.plusSeconds(i));
            store.insert(s);
            store.insert(again(evaluationOf(s), t0.plusSeconds(i), i == 1 ? Verdict.PASS : Verdict.FAIL), true);
        }
        assertThat(store.list(new EvaluationQuery("case agency " + tag.toUpperCase(), null, null, null, null), 0, 10)
                        .total())
                .isEqualTo(3);
        assertThat(store.list(new EvaluationQuery(tag, "acme skin", null, null, null), 0, 10)
                        .total())
                .isEqualTo(3);
        assertThat(store.list(new EvaluationQuery(tag + "%", null, null, null, null), 0, 10)
                        .total())
                .as("a % in the text is a character, not a wildcard")
                .isZero();
        EvaluationQuery byVerdict = new EvaluationQuery(
                tag, null, null, null, null, false, null, "spring", EvaluationQuery.Sort.VERDICT, true);
        assertThat(store.list(byVerdict, 0, 10).items())
                .extracting(EvaluationSummary::verdict)
                .containsExactly(Verdict.PASS, Verdict.FAIL, Verdict.FAIL);
        EvaluationQuery oldestFirst = new EvaluationQuery(
                tag, null, null, null, null, false, null, null, EvaluationQuery.Sort.EVALUATED_AT, false);
        assertThat(store.list(oldestFirst, 0, 10).items())
                .extracting(EvaluationSummary::evaluatedAt)
                .containsExactly(t0, t0.plusSeconds(1), t0.plusSeconds(2));
        assertThat(store.list(new EvaluationQuery(tag, null, null, null, null).withAgency("Other Agency"), 0, 10)
                        .total())
                .as("an agency's own scope is exact")
                .isZero();
    }
}
