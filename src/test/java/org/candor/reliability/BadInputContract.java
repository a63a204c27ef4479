package org.candor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.candor.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hostile and broken campaigns sent over the wire, byte for byte, to the running service. Each is
 * either refused (400, 413 or 422, as an RFC 9457 problem that says what is wrong and where, with
 * no stack trace, no internal names and no more than a short excerpt of what was sent) with
 * nothing stored, or accepted and judged correctly. Never a 5xx.
 */
@ServiceTest
abstract class BadInputContract {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String NORTHWIND = "northwind:northwind-demo";

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    JdbcClient jdbc;

    /** A marker no answer may repeat: it sits deep inside a bad value. */
    final String marker = "MARK-" + UUID.randomUUID();

    record Answer(int status, String contentType, String body) {}

    Answer send(byte[] body, String contentType, boolean chunked) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/evaluations"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(NORTHWIND.getBytes()))
                .header("Content-Type", contentType)
                .POST(
                        chunked
                                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    /**
     * Sends a body in chunks over a plain socket, going on writing while the server may already
     * have answered and closed (as it does past the size cap), then reads the answer.
     */
    Answer sendChunkedRaw(byte[] body) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(bytes("POST /api/v1/evaluations HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Basic " + Base64.getEncoder().encodeToString(NORTHWIND.getBytes()) + "\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"));
            Thread writer = new Thread(() -> {
                try {
                    for (int at = 0; at < body.length; at += 65_536) {
                        int n = Math.min(65_536, body.length - at);
                        out.write(bytes(Integer.toHexString(n) + "\r\n"));
                        out.write(body, at, n);
                        out.write(bytes("\r\n"));
                    }
                    out.write(bytes("0\r\n\r\n"));
                    out.flush();
                } catch (java.io.IOException closed) {
                    // the server has answered and stopped reading: expected past the cap
                }
            });
            writer.start();
            byte[] raw = socket.getInputStream().readAllBytes();
            writer.join(60_000);
            String text = new String(raw, StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = text.substring(0, split);
            String rest = text.substring(split + 4);
            int status = Integer.parseInt(head.substring(9, 12));
            String type = head.lines()
                    .filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:"))
                    .map(l -> l.substring(13).strip())
                    .findFirst()
                    .orElse("");
            StringBuilder content = new StringBuilder();
            if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                while (true) {
                    int eol = rest.indexOf("\r\n");
                    int n = Integer.parseInt(rest.substring(0, eol).strip(), 16);
                    if (n == 0) {
                        break;
                    }
                    content.append(rest, eol + 2, eol + 2 + n);
                    rest = rest.substring(eol + 2 + n + 2);
                }
            } else {
                content.append(rest);
            }
            return new Answer(status, type, content.toString());
        }
    }

    Answer send(byte[] body) throws Exception {
        return send(body, "application/json", false);
    }

    long stored() {
        return jdbc.sql("SELECT COUNT(*) FROM submission").query(Long.class).single();
    }

    long evaluations() {
        return jdbc.sql("SELECT COUNT(*) FROM evaluation").query(Long.class).single();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    String base() throws Exception {
        return new ClassPathResource("reliability/base.json").getContentAsString(StandardCharsets.UTF_8);
    }

    ObjectNode baseTree() throws Exception {
        return (ObjectNode) mapper.readTree(base());
    }

    ObjectNode post(ObjectNode campaign) {
        return (ObjectNode) campaign.path("posts").get(0);
    }

    ObjectNode audience(ObjectNode campaign) {
        return (ObjectNode) campaign.path("influencers").get(0).path("audience");
    }

    /**
     * Sends a body that must be refused: one of the statuses, as a problem whose detail or listed
     * problems say {@code explains}, nothing of the inside, not the marker, and nothing stored.
     */
    JsonNode refused(byte[] body, Set<Integer> statuses, String explains) throws Exception {
        return refused(body, "application/json", false, statuses, explains);
    }

    JsonNode refused(byte[] body, String type, boolean chunked, Set<Integer> statuses, String explains)
            throws Exception {
        long before = stored();
        long evaluatedBefore = evaluations();
        Answer a = chunked && body.length > 10_000_000 ? sendChunkedRaw(body) : send(body, type, chunked);
        String shown = a.body().length() > 2000 ? a.body().substring(0, 2000) + "..." : a.body();
        assertThat(a.status()).as("status of %s", shown).isIn(statuses);
        assertThat(a.contentType()).as("type of %s", shown).startsWith("application/problem+json");
        assertThat(a.body().length()).as("a problem is short: %s", shown).isLessThan(20_000);
        assertClean(a.body());
        JsonNode p = mapper.readTree(a.body());
        assertThat(p.path("status").asInt()).isEqualTo(a.status());
        String said = p.path("detail").asText() + " "
                + StreamSupport.stream(p.path("problems").spliterator(), false)
                        .map(x -> x.path("path").asText() + ": "
                                + x.path("message").asText())
                        .reduce("", (x, y) -> x + "\n" + y);
        assertThat(said).as("what the problem says").containsIgnoringCase(explains);
        assertThat(stored()).as("nothing is stored").isEqualTo(before);
        assertThat(evaluations()).as("nothing is evaluated").isEqualTo(evaluatedBefore);
        return p;
    }

    void assertClean(String body) {
        assertThat(body)
                .as("no internals, no echo of the value sent")
                .doesNotContain("Exception")
                .doesNotContain("at org.")
                .doesNotContain("java.")
                .doesNotContain("com.fasterxml")
                .doesNotContain("northwind-demo")
                .doesNotContain(marker)
                .doesNotContainPattern("\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)");
    }

    /** Sends a campaign that must be accepted; answers its evaluation. */
    JsonNode accepted(byte[] body) throws Exception {
        long before = stored();
        Answer a = send(body);
        assertThat(a.status()).as("status of %s", a.body()).isEqualTo(201);
        assertThat(stored()).isEqualTo(before + 1);
        return mapper.readTree(a.body());
    }

    static List<String> disclosureFindings(JsonNode evaluation) {
        List<String> ids = new ArrayList<>();
        for (JsonNode f : evaluation.path("findings")) {
            if (f.path("category").asText().equals("DISCLOSURE")) {
                ids.add(f.path("ruleId").asText());
            }
        }
        return ids;
    }

    // ---- syntax ----

    @Test
    void malformedJsonIs400SayingWhere() throws Exception {
        refused(bytes("{\"formatVersion\": 1, \"reference\": }"), Set.of(400), "line 1");
        refused(bytes("{\"formatVersion\": 1, \"reference\": " + marker + "}"), Set.of(400), "not valid JSON");
        refused(bytes("{'formatVersion': 1}"), Set.of(400), "not valid JSON");
        refused(bytes("{\"formatVersion\": 1} // a comment"), Set.of(400, 422), "comment");
    }

    @Test
    void aTruncatedCampaignIs400SayingItIsCutOff() throws Exception {
        byte[] full = bytes(base());
        for (int cut : new int[] {1, full.length / 3, full.length / 2, full.length - 3}) {
            byte[] part = java.util.Arrays.copyOf(full, cut);
            refused(part, Set.of(400), "end");
        }
    }

    @Test
    void aDocumentThatIsNotACampaignObjectIsRefused() throws Exception {
        refused(bytes("[]"), Set.of(400, 422), "campaign object");
        refused(bytes("\"" + "x".repeat(400) + marker + "\""), Set.of(400, 422), "campaign object");
        refused(bytes("null"), Set.of(400, 422), "campaign");
        refused(bytes("   "), Set.of(400, 422), "empty");
        refused(bytes(base() + base()), Set.of(400, 422), "after the end");
    }

    // ---- types and values ----

    @Test
    void wrongTypesAre422NamingEachPath() throws Exception {
        ObjectNode c = baseTree();
        audience(c).put("followers", "many " + "x".repeat(300) + marker);
        ((ObjectNode) c.path("influencers").get(0)).put("age", true);
        post(c).put("platformDisclosureLabel", "yes");
        c.put("jurisdictions", "US");
        c.set("posts", mapper.createObjectNode());
        c.put("formatVersion", "1");
        JsonNode p = refused(mapper.writeValueAsBytes(c), Set.of(422), "$.influencers[0].audience.followers");
        assertThat(p.path("problems").findValuesAsText("path"))
                .contains("$.influencers[0].audience.followers", "$.influencers[0].age", "$.jurisdictions", "$.posts");
    }

    @Test
    void numbersOutOfRangeAre422() throws Exception {
        String followers = "\"followers\": 40000";
        refused(bytes(base().replace(followers, "\"followers\": 1e400")), Set.of(422), "followers");
        refused(bytes(base().replace(followers, "\"followers\": 99999999999999999999")), Set.of(422), "followers");
        refused(bytes(base().replace(followers, "\"followers\": -1")), Set.of(422), "followers");
        refused(bytes(base().replace(followers, "\"followers\": 4.5")), Set.of(422), "followers");
        refused(bytes(base().replace(followers, "\"followers\": " + "9".repeat(1000))), Set.of(400, 422), "digits");
        refused(bytes(base().replace("\"under18Pct\": 6", "\"under18Pct\": 1e400")), Set.of(422), "under18Pct");
        refused(bytes(base().replace("\"under18Pct\": 6", "\"under18Pct\": -1e-400")), Set.of(422, 201), "under18Pct");
        refused(bytes(base().replace("\"under18Pct\": 6", "\"under18Pct\": NaN")), Set.of(400), "not valid JSON");
        refused(bytes(base().replace("\"formatVersion\": 1", "\"formatVersion\": 2")), Set.of(422), "version");
    }

    @Test
    void duplicateKeysAre422() throws Exception {
        refused(
                bytes(base().replace("\"reference\": \"REL-BASE\",", "\"reference\": \"A\", \"reference\": \"B\",")),
                Set.of(422),
                "duplicate field 'reference'");
        refused(
                bytes(base().replace("\"usedProduct\": true", "\"usedProduct\": true, \"usedProduct\": false")),
                Set.of(422),
                "$.influencers[0].usedProduct");
    }

    @Test
    void unknownFieldsAre422WithTheFieldsAllowed() throws Exception {
        ObjectNode c = baseTree();
        post(c).put("textt", "hi");
        JsonNode p = refused(mapper.writeValueAsBytes(c), Set.of(422), "$.posts[0].textt");
        assertThat(p.toString()).contains("did you mean 'text'");

        ObjectNode d = baseTree();
        d.put("x".repeat(900) + marker, 1);
        refused(mapper.writeValueAsBytes(d), Set.of(422), "unknown field");
    }

    // ---- sizes ----

    @Test
    void nesting10000DeepIsRefusedByTheParserLimitNotAStackOverflow() throws Exception {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        refused(bytes("{\"formatVersion\": 1, \"reference\": " + deep + "}"), Set.of(400, 422), "nested deeper");
        String objects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        refused(bytes(objects), Set.of(400, 422), "nested deeper");
    }

    @Test
    void aFiftyMegabyteStringIs413BeforeItIsRead() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(50 * 1024 * 1024 + 1000);
        String head = base().replace("\"text\": \"", "\"text\": \"");
        int at = head.indexOf("#ad My evening");
        out.writeBytes(bytes(head.substring(0, at)));
        byte[] filler = new byte[1024 * 1024];
        java.util.Arrays.fill(filler, (byte) 'a');
        for (int i = 0; i < 50; i++) {
            out.writeBytes(filler);
        }
        out.writeBytes(bytes(marker + head.substring(at)));
        byte[] body = out.toByteArray();
        refused(body, "application/json", false, Set.of(413), "larger than");
        refused(body, "application/json", true, Set.of(413), "larger than");
    }

    @Test
    void aStringUnderTheRequestCapButOverTheStringLimitIs422() throws Exception {
        ObjectNode c = baseTree();
        post(c).put("text", "#ad " + "a".repeat(1_500_000) + marker);
        refused(mapper.writeValueAsBytes(c), Set.of(400, 422), "longer than 1000000 characters");
    }

    @Test
    void aVeryLongFieldNameIsRefused() throws Exception {
        refused(
                bytes(base().replace("\"reference\":", "\"" + "n".repeat(60_000) + marker + "\": 1, \"reference\":")),
                Set.of(400, 422),
                "field name is longer than 1000");
    }

    // ---- bytes ----

    @Test
    void invalidUtf8Is400SayingSo() throws Exception {
        for (byte[] bad : new byte[][] {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}}) {
            byte[] full = bytes(base());
            int at = base().indexOf("My evening");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(full, 0, at);
            out.writeBytes(bad);
            out.write(full, at, full.length - at);
            refused(out.toByteArray(), Set.of(400), "UTF-8");
        }
    }

    @Test
    void aRawNullByteIs400AndAnEscapedOneIsText() throws Exception {
        refused(bytes(base().replace("My evening", "My\u0000evening")), Set.of(400), "has to be escaped");
        refused(bytes(base().replace("\"posts\"", "\u0000\"posts\"")), Set.of(400), "not valid JSON");

        JsonNode e = accepted(bytes(base().replace("My evening", "My\\u0000evening")));
        assertThat(e.path("verdict").asText()).isEqualTo("PASS");
    }

    @Test
    void escapedLoneSurrogatesAreTextAndJudged() throws Exception {
        // "\\uD83D" without its second half, "\\uDE00" without its first: JSON escapes of half an
        // emoji; the caption is still read, and its clear disclosure still found.
        for (String half : List.of("\\uD83D", "\\uDE00", "\\uDE00\\uD83D", "\\uD83D\\uDE00\\uDE00")) {
            JsonNode e = accepted(bytes(base().replace("My evening", "My " + half + " evening")));
            assertThat(e.path("verdict").asText()).as(half).isEqualTo("PASS");
        }
    }

    // ---- encodings ----

    @Test
    void utf16AndUtf32BodiesAre415WithOrWithoutAByteOrderMark() throws Exception {
        String text = base().replace("My evening", "Mon soir\u00e9e");
        byte[] utf16le = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[utf16le.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(utf16le, 0, withBom, 2, utf16le.length);
        refused(withBom, Set.of(415), "UTF-16");
        refused(utf16le, Set.of(415), "UTF-8");
        refused(text.getBytes(StandardCharsets.UTF_16), Set.of(415), "UTF-16");
        refused(text.getBytes(StandardCharsets.UTF_16BE), Set.of(415), "UTF-8");
        refused(text.getBytes(java.nio.charset.Charset.forName("UTF-32")), Set.of(415), "UTF-8");
    }

    @Test
    void aBodyDeclaredInAnotherCharsetIs415() throws Exception {
        refused(bytes(base()), "application/json; charset=UTF-16", false, Set.of(415), "UTF-16");
        refused(bytes(base()), "application/json; charset=ISO-8859-1", false, Set.of(415), "UTF-8");
    }

    @Test
    void utf8WithAByteOrderMarkIsAcceptedAndStoredWithoutIt() throws Exception {
        String text = base().replace("REL-BASE", "REL-BOM-" + UUID.randomUUID())
                .replace("Calm Tea Co", "Caf\u00e9 Cr\u00e8me \u7d05\u8336");
        byte[] utf8 = bytes(text);
        byte[] withBom = new byte[utf8.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, withBom, 3, utf8.length);
        Answer a = send(withBom, "application/json; charset=UTF-8", false);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        JsonNode e = mapper.readTree(a.body());
        assertThat(e.path("brand").asText()).isEqualTo("Caf\u00e9 Cr\u00e8me \u7d05\u8336");
        String payload = jdbc.sql("SELECT payload FROM submission_payload WHERE submission_id = :id")
                .param("id", e.path("submissionId").asText())
                .query(String.class)
                .single();
        assertThat(payload).as("stored as the text sent, without the mark").isEqualTo(text);
        assertThat(mapper.readTree(payload).path("brand").asText()).isEqualTo("Caf\u00e9 Cr\u00e8me \u7d05\u8336");
    }

    @Test
    void controlCharactersInTheStoredNamesAre422() throws Exception {
        refused(bytes(base().replace("REL-BASE", "REL\\u0000BASE")), Set.of(422), "$.reference");
        refused(bytes(base().replace("Calm Tea Co", "Calm\\u0007Tea")), Set.of(422), "$.brand");
        refused(bytes(base().replace("REL-BASE", "REL\\u202EBASE")), Set.of(422), "$.reference");
    }

    // ---- text that looks like a disclosure ----

    JsonNode withCaption(String caption) throws Exception {
        ObjectNode c = baseTree();
        c.put("reference", "REL-" + UUID.randomUUID().toString().substring(0, 8));
        post(c).put("text", caption);
        return accepted(mapper.writeValueAsBytes(c));
    }

    @Test
    void aClearDisclosurePasses() throws Exception {
        JsonNode e = withCaption("#ad My evening wind-down: a mug of Calm Tea chamomile.");
        assertThat(disclosureFindings(e)).isEmpty();
        assertThat(e.path("verdict").asText()).isEqualTo("PASS");
    }

    @Test
    void aLookAlikeAdWithACyrillicAIsNoDisclosure() throws Exception {
        JsonNode e = withCaption("#\u0430d My evening wind-down: a mug of Calm Tea chamomile.");
        assertThat(disclosureFindings(e)).containsExactly("DISC-001");
        assertThat(e.path("verdict").asText()).isEqualTo("FAIL");
    }

    @Test
    void anAdBrokenByAZeroWidthCharacterIsNoDisclosure() throws Exception {
        for (String zw : List.of("\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF")) {
            JsonNode e = withCaption("#a" + zw + "d My evening wind-down: a mug of Calm Tea chamomile.");
            assertThat(disclosureFindings(e)).as("U+%04X", (int) zw.charAt(0)).containsExactly("DISC-001");
        }
    }

    @Test
    void rightToLeftOverridesAroundOtherTextLeaveAClearDisclosureClear() throws Exception {
        JsonNode e = withCaption("#ad My evening \u202Eeborw-dniw\u202C: a mug of Calm Tea chamomile.");
        assertThat(disclosureFindings(e)).isEmpty();
    }

    @Test
    void aDisclosureWrittenBackwardsUnderARightToLeftOverrideIsNoDisclosure() throws Exception {
        // Shown as "#ad" by a bidi-aware screen, but the text says "da#": it is not read as one.
        JsonNode e = withCaption("\u202Eda#\u202C My evening wind-down: a mug of Calm Tea chamomile.");
        assertThat(disclosureFindings(e)).containsExactly("DISC-001");
    }
}
