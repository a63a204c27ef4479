package org.candor.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.candor.campaign.CampaignReader;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Evaluator;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.json.JsonTest;
import org.springframework.context.annotation.Import;

/**
 * The answer to a submission takes the result's JSON the store wrote, and is then the same, byte
 * for byte, as the answer Jackson writes from the objects: on the service's own JSON settings
 * (application.properties), for every example campaign and for a result larger than the
 * generator's buffer. Only the result just stored on this thread, by this mapper, is taken, once.
 */
@JsonTest
@Import(StoredEvaluationJson.class)
class StoredEvaluationJsonTest {

    private static RuleSet pack;
    private static final List<EvaluationResult> RESULTS = new ArrayList<>();

    @Autowired
    private ObjectMapper mapper;

    @BeforeAll
    static void judge() throws IOException {
        pack = new RuleSetLoader().load(Path.of("rules"));
        CampaignReader reader = new CampaignReader();
        Evaluator evaluator = new Evaluator();
        List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            examples =
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(examples).isNotEmpty();
        for (Path p : examples) {
            RESULTS.add(evaluator.evaluate(reader.read(p), pack));
        }
        RESULTS.add(evaluator.evaluate(reader.read(manyPosts(examples.get(0), 60)), pack));
    }

    @AfterAll
    static void dispose() {
        RuleSetLoader.dispose(pack);
    }

    @AfterEach
    void forget() {
        StoredEvaluationJson.forget();
    }

    /** An example campaign with its posts repeated under new ids, as JSON. */
    private static byte[] manyPosts(Path example, int copies) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode campaign = (ObjectNode) json.readTree(example.toFile());
        ArrayNode posts = (ArrayNode) campaign.get("posts");
        ArrayNode more = json.createArrayNode();
        for (int i = 0; i < copies; i++) {
            for (var post : posts) {
                ObjectNode copy = post.deepCopy();
                copy.put("id", post.get("id").asText() + "-" + i);
                more.add(copy);
            }
        }
        campaign.set("posts", more);
        return json.writeValueAsBytes(campaign);
    }

    private static StoredEvaluation stored(EvaluationResult r) {
        return new StoredEvaluation("e-1", "s-1", "northwind", "northwind", r);
    }

    /** What the store does: the result's JSON, left for the answer. */
    private byte[] store(EvaluationResult r) throws IOException {
        ObjectWriter writer = mapper.writerFor(EvaluationResult.class);
        byte[] json = writer.writeValueAsBytes(r);
        StoredEvaluationJson.written(writer.getConfig(), r, json);
        return json;
    }

    @Test
    void theAnswerWithTheStoredJsonIsTheAnswerJacksonWrites() throws IOException {
        int large = 0;
        for (EvaluationResult r : RESULTS) {
            StoredEvaluation e = stored(r);
            byte[] standard = mapper.writeValueAsBytes(e);
            byte[] json = store(r);
            large = Math.max(large, json.length);
            byte[] reused = mapper.writeValueAsBytes(e);
            assertThat(StoredEvaluationJson.take(mapper.getSerializationConfig(), r))
                    .as("the answer took the stored JSON")
                    .isNull();
            assertThat(new String(reused, StandardCharsets.UTF_8))
                    .as(r.reference())
                    .isEqualTo(new String(standard, StandardCharsets.UTF_8));
            // Into a stream, as Spring MVC writes the answer.
            store(r);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            mapper.writeValue(out, e);
            assertThat(out.toByteArray()).isEqualTo(standard);
        }
        assertThat(large)
                .as("one result is larger than the generator's buffer (8,000 bytes)")
                .isGreaterThan(16_000);
    }

    @Test
    void theStoredJsonIsWhatTheAnswerCarries() throws IOException {
        EvaluationResult r = RESULTS.get(0);
        byte[] json = store(r);
        // Marked, the bytes show whether the answer took them or wrote the result itself.
        String marked = new String(json, StandardCharsets.UTF_8).replace("\"reference\":", "\"referenceMark\":");
        StoredEvaluationJson.written(mapper.getSerializationConfig(), r, marked.getBytes(StandardCharsets.UTF_8));
        String answer = mapper.writeValueAsString(stored(r));
        assertThat(answer).startsWith("{\"id\":\"e-1\",\"submissionId\":\"s-1\",\"submittedBy\":\"northwind\"");
        assertThat(answer).contains("\"referenceMark\":");
        // Taken once: the next answer is written from the objects.
        assertThat(mapper.writeValueAsString(stored(r))).doesNotContain("referenceMark");
    }

    private void mark(EvaluationResult r) throws IOException {
        String json = new String(store(r), StandardCharsets.UTF_8).replace("\"reference\":", "\"referenceMark\":");
        StoredEvaluationJson.written(mapper.getSerializationConfig(), r, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anotherResultEvenEqualIsWrittenFromItsObjects() throws IOException {
        EvaluationResult r = RESULTS.get(1);
        mark(r);
        EvaluationResult equal = r.withReference(r.reference());
        assertThat(equal).isNotSameAs(r);
        assertThat(mapper.writeValueAsString(stored(equal))).doesNotContain("referenceMark");
        // What was stored still waits for its own answer.
        assertThat(mapper.writeValueAsString(stored(r))).contains("referenceMark");
    }

    @Test
    void anotherThreadOrOtherSettingsWriteFromTheObjects() throws Exception {
        EvaluationResult r = RESULTS.get(2);
        mark(r);
        String elsewhere = CompletableFuture.supplyAsync(() -> {
                    try {
                        return mapper.writeValueAsString(stored(r));
                    } catch (IOException ex) {
                        throw new IllegalStateException(ex);
                    }
                })
                .get();
        assertThat(elsewhere).doesNotContain("referenceMark");
        ObjectMapper other = mapper.copy();
        assertThat(other.writeValueAsString(stored(r))).doesNotContain("referenceMark");
        // A writer of the same mapper with other settings.
        assertThat(mapper.writer(SerializationFeature.WRITE_ENUMS_USING_INDEX).writeValueAsString(stored(r)))
                .doesNotContain("referenceMark")
                .containsPattern("\"verdict\":[01],");
        assertThat(mapper.writeValueAsString(stored(r))).contains("referenceMark");
    }

    @Test
    void aMissingIdOrPrettyPrintingWritesFromTheObjects() throws IOException {
        EvaluationResult r = RESULTS.get(3);
        mark(r);
        StoredEvaluation recovered = new StoredEvaluation("e-2", "s-2", null, "recovery", r);
        String answer = mapper.writeValueAsString(recovered);
        assertThat(answer).doesNotContain("referenceMark").contains("\"submittedBy\":null");

        mark(r);
        StringWriter pretty = new StringWriter();
        mapper.writer(SerializationFeature.INDENT_OUTPUT).writeValue(pretty, stored(r));
        assertThat(pretty.toString())
                .doesNotContain("referenceMark")
                .isEqualTo(mapper.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(stored(r)));
    }

    @Test
    void inAListEachTakesOnlyItsOwn() throws IOException {
        EvaluationResult first = RESULTS.get(0);
        EvaluationResult second = RESULTS.get(1);
        List<StoredEvaluation> both = List.of(stored(first), stored(second));
        String standard = mapper.writeValueAsString(both);
        store(second);
        assertThat(mapper.writeValueAsString(both)).isEqualTo(standard);
        assertThat(StoredEvaluationJson.take(mapper.getSerializationConfig(), second))
                .isNull();
    }

    @Test
    void onlyAJsonObjectIsTaken() {
        EvaluationResult r = RESULTS.get(0);
        for (String bad : List.of("", "{", "[]", "\"text\"", "null")) {
            assertThatThrownBy(() -> StoredEvaluationJson.written(
                            mapper.getSerializationConfig(), r, bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void readBackTheAnswerHoldsTheResult() throws IOException {
        EvaluationResult r = RESULTS.get(RESULTS.size() - 1);
        store(r);
        ObjectNode answer = (ObjectNode) mapper.readTree(mapper.writeValueAsBytes(stored(r)));
        assertThat(answer.remove(List.of("id", "submissionId", "submittedBy", "evaluatedBy")))
                .isNotNull();
        assertThat(mapper.treeToValue(answer, EvaluationResult.class)).isEqualTo(r);
    }
}
