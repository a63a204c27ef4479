package org.candor.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.candor.campaign.Campaign;
import org.candor.campaign.CampaignReader;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Evaluator;
import org.candor.evaluation.Verdict;
import org.candor.rules.RuleService;
import org.candor.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the store must do on every database it runs on. */
@ServiceTest
abstract class StorageContract {

    @Autowired
    SubmissionStore store;

    @Autowired
    RuleService rules;

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
}
