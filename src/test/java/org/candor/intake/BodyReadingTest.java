package org.candor.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.candor.campaign.CampaignReader;
import org.candor.campaign.InvalidCampaignException;
import org.candor.campaign.NotJsonException;
import org.junit.jupiter.api.Test;

/**
 * Intake reads a body's bytes once ({@link CampaignReader#readBody}); before, it parsed the whole
 * body into a tree for its syntax, then read the campaign. Every body must get the same answer as
 * before: the same campaign, the same 400 message, or the same 422 problems. The former reading is
 * kept here as the reference.
 */
class BodyReadingTest {

    private static final CampaignReader READER = new CampaignReader();

    /** The former syntax check: a whole tree of the body, duplicates and what follows allowed. */
    private static final ObjectMapper SYNTAX = CampaignReader.strictMapper()
            .rebuild()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The answer the former intake gave a body. */
    private static String before(byte[] body) {
        String text;
        try {
            text = Utf8Body.decode(body);
        } catch (RuntimeException e) {
            return "refused: " + e.getMessage();
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        try {
            SYNTAX.readTree(utf8);
        } catch (StreamConstraintsException e) {
            return "400: " + CampaignReader.limitMessage(e);
        } catch (JsonParseException e) {
            return "400: the body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null
                            ? ""
                            : " (line " + e.getLocation().getLineNr() + ", column "
                                    + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            return "400: the body cannot be read as JSON";
        }
        try {
            return "201: " + READER.read(utf8);
        } catch (InvalidCampaignException e) {
            return "422: " + e.problems();
        }
    }

    /** The answer intake gives a body now. */
    private static String now(byte[] body) {
        try {
            Utf8Body.decode(body);
        } catch (RuntimeException e) {
            return "refused: " + e.getMessage();
        }
        try {
            return "201: " + READER.readBody(Utf8Body.withoutBom(body));
        } catch (NotJsonException e) {
            return "400: " + e.getMessage();
        } catch (InvalidCampaignException e) {
            return "422: " + e.problems();
        }
    }

    private static void sameAnswer(String body) {
        sameAnswer(body.getBytes(StandardCharsets.UTF_8));
    }

    private static void sameAnswer(byte[] body) {
        assertThat(now(body))
                .as("%s", new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8))
                .isEqualTo(before(body));
    }

    private static String example() throws IOException {
        return Files.readString(Path.of("src/test/resources/campaigns/spec-example.json"));
    }

    @Test
    void aValidCampaignIsReadAsBefore() throws IOException {
        String json = example();
        assertThat(now(json.getBytes(StandardCharsets.UTF_8))).startsWith("201: ");
        sameAnswer(json);
        byte[] withMark = ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8);
        assertThat(now(withMark)).startsWith("201: ");
        sameAnswer(withMark);
    }

    @Test
    void everyCutOffBodyGetsTheSameAnswer() throws IOException {
        String json = example();
        int answered400 = 0;
        for (int end = 0; end < json.length(); end++) {
            String body = json.substring(0, end);
            sameAnswer(body);
            if (now(body.getBytes(StandardCharsets.UTF_8)).startsWith("400: ")) {
                answered400++;
            }
        }
        assertThat(answered400).as("cut-off bodies are not JSON").isGreaterThan(json.length() / 2);
    }

    @Test
    void everyBodyWithOneCharacterBrokenGetsTheSameAnswer() throws IOException {
        String json = example();
        List<String> answers = new ArrayList<>();
        String[] breakers = {"x", "}", "]", ",", "\"", ":", "\u0001", "\\"};
        for (int i = 0; i < json.length(); i++) {
            // two breakers at each place, taking turns: each breaker at every fourth place
            for (String c : new String[] {breakers[i % breakers.length], breakers[(i + 3) % breakers.length]}) {
                String body = json.substring(0, i) + c + json.substring(i + 1);
                sameAnswer(body);
                answers.add(now(body.getBytes(StandardCharsets.UTF_8)).substring(0, 4));
            }
        }
        assertThat(answers).contains("400:", "422:", "201:");
    }

    @Test
    void theTestCampaignsGetTheSameAnswer() throws IOException {
        try (Stream<Path> files = Stream.concat(
                Files.list(Path.of("src/test/resources/campaigns/invalid")),
                Files.list(Path.of("src/test/resources/campaigns/valid")))) {
            for (Path f : files.toList()) {
                sameAnswer(Files.readAllBytes(f));
            }
        }
    }

    @Test
    void bodiesThatAreNotACampaignObjectGetTheSameAnswer() throws IOException {
        String json = example();
        for (String body : new String[] {
            "",
            "   ",
            "nul",
            "null",
            "42",
            "42 43",
            "\"text\"",
            "\"cut",
            "[1, 2]",
            "[1, 2",
            "[1, {\"a\": tru}]",
            "[[[]]] x",
            "{}",
            "{} {}",
            "{} x",
            "{\"a\": 1} {",
            "{'formatVersion': 1}",
            "{\"formatVersion\": 1, \"reference\": \"R\" /* c */}",
            "{\"under18Pct\": NaN}",
            "{\"a\": 1, \"a\": 2}",
            json + " {}",
            json + " ]",
            json.replace("\"posts\"", "\u0000\"posts\""),
            json.replace("\"reference\"", "\"reference\": 1, \"reference\""),
        }) {
            sameAnswer(body);
        }
    }

    @Test
    void bodiesOverASizeLimitGetTheSameAnswer() throws IOException {
        String json = example();
        sameAnswer("[".repeat(200) + "]".repeat(200));
        sameAnswer("{\"a\":".repeat(100) + "1" + "}".repeat(100));
        sameAnswer("{\"reference\": " + "9".repeat(200) + "}");
        sameAnswer("{\"" + "n".repeat(1_200) + "\": 1}");
        String longText = "a".repeat(CampaignReader.MAX_STRING_LENGTH + 1);
        sameAnswer(json.replace("\"ACME-SPRING-26\"", "\"" + longText + "\""));
        sameAnswer(json.replaceFirst("\\{", "{\"unknown\": \"" + longText + "\", "));
        sameAnswer("\"" + longText + "\"");
        sameAnswer("[\"" + longText + "\"]");
        assertThat(now(("[\"" + longText + "\"]").getBytes(StandardCharsets.UTF_8)))
                .startsWith("400: a text value is longer than");
    }
}
