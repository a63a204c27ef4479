package org.candor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.candor.rules.Category;
import org.candor.rules.Severity;
import org.candor.waiver.Waivers;
import org.junit.jupiter.api.Test;

class TallyTest {

    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    static Finding finding(String ruleId, Category category, Severity severity, String subject) {
        return new Finding(ruleId, ruleId + " title", category, severity, subject, "message", "evidence", "src", "fix");
    }

    @Test
    void countsBySeverityAndCategoryWithEveryKeyInTheOrderOfTheFormat() throws Exception {
        Tally t = Tally.count(List.of(
                finding("DISC-001", Category.DISCLOSURE, Severity.FAIL, "post:p1"),
                finding("DISC-002", Category.DISCLOSURE, Severity.WARN, "post:p1"),
                finding("CLAIM-001", Category.CLAIMS, Severity.FAIL, "influencer:a")));
        assertThat(t.fails()).isEqualTo(2);
        assertThat(t.warnings()).isEqualTo(1);
        assertThat(t.infos()).isZero();
        assertThat(t.of(Category.DISCLOSURE)).isEqualTo(2);
        assertThat(t.of(Category.AUDIENCE)).isZero();
        assertThat(t.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(JSON.writeValueAsString(t))
                .isEqualTo("{\"FAIL\":2,\"WARN\":1,\"INFO\":0,"
                        + "\"DISCLOSURE\":2,\"ATTRIBUTION\":0,\"CLAIMS\":1,\"AUDIENCE\":0}");
        assertThat(JSON.writeValueAsString(t.withWaived(3))).endsWith(",\"AUDIENCE\":0,\"WAIVED\":3}");
    }

    @Test
    void passUnlessAFailFindingStands() {
        assertThat(Tally.count(List.of()).verdict()).isEqualTo(Verdict.PASS);
        assertThat(Tally.count(List.of(finding("X", Category.CLAIMS, Severity.WARN, "campaign")))
                        .verdict())
                .isEqualTo(Verdict.PASS);
        assertThat(Tally.count(List.of(finding("X", Category.CLAIMS, Severity.FAIL, "campaign")))
                        .verdict())
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void readsACountsObjectBackWhateverItsOrderAndIgnoresKeysItDoesNotKnow() throws Exception {
        Tally t = JSON.readValue("{\"CLAIMS\":2,\"FAIL\":1,\"WAIVED\":4,\"LEGACY\":9}", Tally.class);
        assertThat(t.fails()).isEqualTo(1);
        assertThat(t.of(Category.CLAIMS)).isEqualTo(2);
        assertThat(t.warnings()).isZero();
        assertThat(t.waived()).isEqualTo(4);
        assertThat(JSON.readValue("{}", Tally.class).waived()).isNull();
        assertThat(JSON.readValue("{}", Tally.class).waivedCount()).isZero();
        assertThatThrownBy(() -> JSON.readValue("[1,2]", Tally.class)).isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> JSON.readValue("{\"FAIL\":\"many\"}", Tally.class))
                .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void storedResultsReadAndWriteBackToTheSameJson() throws Exception {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir =
                Files.newDirectoryStream(Path.of("src/test/resources/report/results"), "*.json")) {
            dir.forEach(files::add);
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            JsonNode stored = JSON.readTree(file.toFile());
            EvaluationResult r = JSON.treeToValue(stored, EvaluationResult.class);
            JsonNode written = JSON.valueToTree(r);
            if (!stored.has("waivers")) {
                // A result read without waivers has none: written back as an empty list.
                ((ObjectNode) stored).putArray("waivers");
            }
            assertThat(written).as(file.toString()).isEqualTo(stored);
        }
    }

    @Test
    void waiversRecountTheCampaignEachPostAndEachInfluencerWithTheirClaims() {
        List<Finding> findings = List.of(
                finding("CLAIM-001", Category.CLAIMS, Severity.FAIL, "claim:ana/f1"),
                finding("CLAIM-002", Category.CLAIMS, Severity.WARN, "influencer:ana"),
                finding("DISC-001", Category.DISCLOSURE, Severity.FAIL, "post:p1"),
                finding("DISC-009", Category.DISCLOSURE, Severity.INFO, "campaign"));
        List<SubjectVerdict> posts = List.of(
                new SubjectVerdict("post:p1", "INSTAGRAM IMAGE", "ana", Verdict.FAIL, 1, 0, 0),
                new SubjectVerdict("post:p2", "TIKTOK VIDEO", "ana", Verdict.PASS, 0, 0, 0));
        List<SubjectVerdict> influencers =
                List.of(new SubjectVerdict("influencer:ana", "Ana", "1 failed post(s)", Verdict.FAIL, 1, 1, 0));
        EvaluationResult r = result(Verdict.FAIL, Tally.count(findings), findings, posts, influencers);

        Waiver claim = new Waiver(
                "w1",
                "e1",
                "CLAIM-001",
                "claim:ana/f1",
                "checked",
                "Chief",
                LocalDate.of(2030, 1, 1),
                "officer",
                Instant.EPOCH);
        EvaluationResult once = Waivers.apply(r, List.of(claim), LocalDate.of(2026, 1, 1));
        assertThat(once.verdict()).as("the post's FAIL still stands").isEqualTo(Verdict.FAIL);
        assertThat(once.counts().asMap())
                .containsEntry("FAIL", 1)
                .containsEntry("WARN", 1)
                .containsEntry("CLAIMS", 1)
                .containsEntry("WAIVED", 1);
        assertThat(once.influencers().get(0))
                .isEqualTo(new SubjectVerdict("influencer:ana", "Ana", "1 failed post(s)", Verdict.PASS, 0, 1, 0));
        assertThat(once.posts()).isEqualTo(posts);
        assertThat(once.findings().get(0).waiver()).isEqualTo(claim);
        assertThat(once.waivers()).containsExactly(claim);

        Waiver post = new Waiver(
                "w2",
                "e1",
                "DISC-001",
                "post:p1",
                "disclosed in the video",
                "Chief",
                LocalDate.of(2030, 1, 1),
                "officer",
                Instant.EPOCH);
        EvaluationResult both = Waivers.apply(r, List.of(claim, post), LocalDate.of(2026, 1, 1));
        assertThat(both.verdict()).isEqualTo(Verdict.PASS);
        assertThat(both.counts().waivedCount()).isEqualTo(2);
        assertThat(both.posts().get(0).verdict()).isEqualTo(Verdict.PASS);
        assertThat(both.standing()).extracting(Finding::ruleId).containsExactly("CLAIM-002", "DISC-009");

        EvaluationResult expired = Waivers.apply(r, List.of(claim, post), LocalDate.of(2031, 1, 1));
        assertThat(expired.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(expired.counts().asMap()).containsEntry("WAIVED", 0).containsEntry("FAIL", 2);
        assertThat(expired.influencers()).isEqualTo(influencers);
    }

    @Test
    void copiesChangeOneFieldAndKeepTheRest() {
        EvaluationResult r = result(Verdict.PASS, null, List.of(), List.of(), List.of());
        assertThat(r.waivers()).as("no waivers read as none").isEmpty();
        assertThat(r.counts().asMap()).as("no counts read as all zero").containsEntry("FAIL", 0);
        EvaluationResult c = r.withReference("OTHER").withAgency("A2").withVerdict(Verdict.FAIL);
        assertThat(c.reference()).isEqualTo("OTHER");
        assertThat(c.agency()).isEqualTo("A2");
        assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(c.withReference("REF").withAgency("Agency").withVerdict(Verdict.PASS))
                .isEqualTo(r);
        assertThat(r.withEvaluatedAt(Instant.MAX).evaluatedAt()).isEqualTo(Instant.MAX);
        assertThat(Map.of("x", r.withFindings(List.of()).findings())).containsEntry("x", List.of());
    }

    static EvaluationResult result(
            Verdict verdict,
            Tally counts,
            List<Finding> findings,
            List<SubjectVerdict> posts,
            List<SubjectVerdict> influencers) {
        return new EvaluationResult(
                "REF",
                "Agency",
                "Brand",
                null,
                List.of("US"),
                Instant.EPOCH,
                Instant.EPOCH,
                "hash",
                verdict,
                counts,
                findings,
                posts,
                influencers,
                List.of(),
                null);
    }
}
