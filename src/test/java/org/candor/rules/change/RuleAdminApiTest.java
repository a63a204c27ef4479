package org.candor.rules.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.candor.rules.RuleService;
import org.candor.support.H2;
import org.candor.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The rules administration API on the whole service, with a copy of the default pack (its rule
 * tests too) in a temporary folder and the file watcher off: every change here goes through the
 * API. Each test leaves the folder as it found it.
 */
@ServiceTest
@DirtiesContext
class RuleAdminApiTest {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        H2.register(registry);
        registry.add("candor.rules-dir", () -> {
            Path dir = root.resolve("rules");
            if (!Files.isDirectory(dir)) {
                Fixtures.copyOfRules(dir);
            }
            return dir.toString();
        });
        registry.add("candor.rules-watch.enabled", () -> "false");
    }

    private static final RequestPostProcessor OFFICER = httpBasic("officer", "officer-demo");
    private static final RequestPostProcessor MANAGER = httpBasic("manager", "manager-demo");
    private static final RequestPostProcessor AGENCY = httpBasic("northwind", "northwind-demo");

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    RuleService rules;

    private Path dir() {
        return rules.rulesDir();
    }

    private String file(String name) throws Exception {
        return Files.readString(dir().resolve(name));
    }

    /** A JSON change: files to write, given as name and content pairs. */
    private byte[] change(String... namesAndContents) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < namesAndContents.length; i += 2) {
            files.put(namesAndContents[i], namesAndContents[i + 1]);
        }
        return mapper.writeValueAsBytes(Map.of("files", files));
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, byte[] body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private MvcResult perform(MockHttpServletRequestBuilder request, RequestPostProcessor user) throws Exception {
        return mvc.perform(request.with(user)).andReturn();
    }

    /** Performs the request as the officer, expects the status, and answers the JSON body. */
    private JsonNode expect(int status, MockHttpServletRequestBuilder request) throws Exception {
        MvcResult r = perform(request, OFFICER);
        String body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getResponse().getStatus()).as(body).isEqualTo(status);
        return body.isEmpty() ? mapper.nullNode() : mapper.readTree(body);
    }

    /** An RFC 9457 problem with this status. */
    private JsonNode problem(int status, MockHttpServletRequestBuilder request, RequestPostProcessor user)
            throws Exception {
        MvcResult r = perform(request, user);
        String body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getResponse().getStatus()).as(body).isEqualTo(status);
        assertThat(r.getResponse().getContentType()).as(body).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode p = mapper.readTree(body);
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("title").asText()).isNotBlank();
        assertThat(p.path("detail").asText()).isNotBlank();
        assertThat(body).doesNotContain("Exception").doesNotContain("at org.");
        return p;
    }

    private JsonNode problem(int status, MockHttpServletRequestBuilder request) throws Exception {
        return problem(status, request, OFFICER);
    }

    /** The ETag of a file of the folder as it is on disk: its SHA-256, quoted. */
    private String etag(String name) throws Exception {
        return "\"" + RuleChanges.version(Files.readAllBytes(dir().resolve(name))) + "\"";
    }

    /**
     * A PUT made on the file's version as it is now, as an officer who has just read it sends it:
     * If-Match with its ETag, or If-None-Match: * for a new file.
     */
    private MockHttpServletRequestBuilder putOnCurrent(String name, String content) throws Exception {
        MockHttpServletRequestBuilder put = put("/api/v1/rules/files/{name}", name)
                .contentType(MediaType.TEXT_PLAIN)
                .content(content.getBytes(StandardCharsets.UTF_8));
        return Files.exists(dir().resolve(name))
                ? put.header("If-Match", etag(name))
                : put.header("If-None-Match", "*");
    }

    /** A DELETE made on the file's version as it is now. */
    private MockHttpServletRequestBuilder deleteCurrent(String name) throws Exception {
        return delete("/api/v1/rules/files/{name}", name).header("If-Match", etag(name));
    }

    private JsonNode putFile(String name, String content, boolean force, int status) throws Exception {
        return expect(status, putOnCurrent(name, content).param("force", Boolean.toString(force)));
    }

    // ---- who may ----

    @Test
    void onlyOfficersMayReadOrChangeTheRuleFiles() throws Exception {
        byte[] body = change(
                "extra-terms.table.csv",
                new String(Fixtures.resource("extra-terms.table.csv"), StandardCharsets.UTF_8));
        // Request builders keep what is added to them: a fresh one for each call.
        List<Supplier<MockHttpServletRequestBuilder>> requests = List.of(
                () -> get("/api/v1/rules/files"),
                () -> get("/api/v1/rules/files/thresholds.table.csv"),
                () -> get("/api/v1/rules/history"),
                () -> json(post("/api/v1/rules/validate"), body),
                () -> json(post("/api/v1/rules/test"), body),
                () -> put("/api/v1/rules/files/extra-terms.table.csv")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("x"),
                () -> delete("/api/v1/rules/files/thresholds.table.csv"),
                () -> post("/api/v1/rules/reload"));
        String hash = rules.current().hash();
        for (Supplier<MockHttpServletRequestBuilder> request : requests) {
            for (RequestPostProcessor user : List.of(MANAGER, AGENCY)) {
                JsonNode p = problem(403, request.get(), user);
                assertThat(p.path("detail").asText()).as("why it is refused").isNotBlank();
            }
            MvcResult anonymous = mvc.perform(request.get()).andReturn();
            assertThat(anonymous.getResponse().getStatus()).isEqualTo(401);
        }
        assertThat(rules.current().hash()).isEqualTo(hash);
        assertThat(dir().resolve("extra-terms.table.csv")).doesNotExist();
        assertThat(dir().resolve("thresholds.table.csv")).exists();
    }

    // ---- reading ----

    @Test
    void theFilesOfTheFolderCanBeListedAndRead() throws Exception {
        JsonNode list = expect(200, get("/api/v1/rules/files"));
        assertThat(list.path("ruleSetHash").asText()).isEqualTo(rules.current().hash());
        assertThat(list.path("folderHash").asText()).isEqualTo(rules.current().hash());
        List<String> names = new ArrayList<>();
        list.path("files").forEach(f -> names.add(f.path("name").asText()));
        assertThat(names).contains("thresholds.table.csv", "disclosure.drl").noneMatch(n -> n.startsWith("tests"));
        JsonNode thresholds = list.path("files").get(names.indexOf("thresholds.table.csv"));
        assertThat(thresholds.path("size").asLong()).isEqualTo(Files.size(dir().resolve("thresholds.table.csv")));
        assertThat(thresholds.path("sha256").asText()).matches("[0-9a-f]{64}");

        MvcResult r = perform(get("/api/v1/rules/files/thresholds.table.csv"), OFFICER);
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(r.getResponse().getContentType()).startsWith("text/csv");
        assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(file("thresholds.table.csv"));

        problem(404, get("/api/v1/rules/files/missing.drl"));
        problem(400, get("/api/v1/rules/files/notes.txt"));
    }

    @Test
    void theOpenApiDescriptionListsTheRulesAdministration() throws Exception {
        MvcResult r = mvc.perform(get("/v3/api-docs")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        JsonNode paths =
                mapper.readTree(r.getResponse().getContentAsByteArray()).path("paths");
        for (String path : List.of(
                "/api/v1/rules/validate",
                "/api/v1/rules/test",
                "/api/v1/rules/files",
                "/api/v1/rules/files/{name}",
                "/api/v1/rules/reload",
                "/api/v1/rules/history",
                "/api/v1/evaluations/{id}/reevaluate")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        assertThat(paths.path("/api/v1/evaluations/{id}/reevaluate").toString()).contains("\"rules\"");
    }

    // ---- checking ----

    @Test
    void validateAnswersTheHashAndHowTheCatalogWouldChange() throws Exception {
        String drl = file("disclosure.drl");
        String retitled = drl.replace("@title(\"No disclosure\")", "@title(\"No disclosure at all\")");
        JsonNode v = expect(200, json(post("/api/v1/rules/validate"), change("disclosure.drl", retitled)));

        assertThat(v.path("ok").asBoolean()).isTrue();
        assertThat(v.path("hash").asText())
                .matches("[0-9a-f]{64}")
                .isNotEqualTo(rules.current().hash());
        assertThat(v.path("rules").asInt()).isEqualTo(rules.current().catalog().size());
        assertThat(v.path("diff").path("added")).isEmpty();
        assertThat(v.path("diff").path("removed")).isEmpty();
        assertThat(v.path("diff").path("changed").path("DISC-001").get(0).asText())
                .isEqualTo("title: No disclosure → No disclosure at all");
        assertThat(v.path("changes").get(0).path("file").asText()).isEqualTo("disclosure.drl");
        assertThat(v.path("changes").get(0).path("text").asText()).contains("+    @title(\"No disclosure at all\")");
        assertThat(v.has("errors")).isFalse();
        assertThat(file("disclosure.drl")).as("validation changes nothing").isEqualTo(drl);
    }

    @Test
    void validateAnswersEveryProblemOfAChangeThatDoesNotBuild() throws Exception {
        String broken = new String(Fixtures.resource("broken.drl"), StandardCharsets.UTF_8);
        JsonNode v = expect(200, json(post("/api/v1/rules/validate"), change("broken.drl", broken)));
        assertThat(v.path("ok").asBoolean()).isFalse();
        assertThat(v.has("hash")).isFalse();
        JsonNode error = v.path("errors").get(0);
        assertThat(error.path("file").asText()).isEqualTo("broken.drl");
        assertThat(error.path("line").asInt()).isEqualTo(7);
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(dir().resolve("broken.drl")).doesNotExist();
    }

    @Test
    void validateTakesUploadedFilesAndDeletions() throws Exception {
        MockMultipartFile upload = new MockMultipartFile(
                "files", "extra-terms.table.csv", "text/csv", Fixtures.resource("extra-terms.table.csv"));
        JsonNode v = expect(200, multipart("/api/v1/rules/validate").file(upload));
        assertThat(v.path("ok").asBoolean()).isTrue();
        assertThat(v.path("changes").get(0).path("file").asText()).isEqualTo("extra-terms.table.csv");
        assertThat(v.path("changes").get(0).path("change").asText()).isEqualTo("ADDED");

        JsonNode gone = expect(200, multipart("/api/v1/rules/validate").param("delete", "thresholds.table.csv"));
        assertThat(gone.path("ok").asBoolean()).isFalse();
        assertThat(gone.path("errors").toString()).contains("no thresholds table has a row named ADULT_AGE");

        JsonNode viaJson = expect(
                200,
                json(
                        post("/api/v1/rules/validate"),
                        mapper.writeValueAsBytes(Map.of("delete", List.of("thresholds.table.csv")))));
        assertThat(viaJson.path("ok").asBoolean()).isFalse();
        assertThat(dir().resolve("thresholds.table.csv")).exists();
    }

    @Test
    void ruleTestsRunAgainstAProposedChangeCaseByCase() throws Exception {
        String tooLenient = Fixtures.withThreshold(file("thresholds.table.csv"), "AUDIENCE_OVERCLAIM_PCT", "1000");
        JsonNode run = expect(200, json(post("/api/v1/rules/test"), change("thresholds.table.csv", tooLenient)));
        assertThat(run.path("ok").asBoolean()).isFalse();
        assertThat(run.path("failed").asInt()).isPositive();
        assertThat(run.path("summary").asText()).matches("\\d+ passed, \\d+ failed");
        List<JsonNode> failing = new ArrayList<>();
        run.path("cases").forEach(c -> {
            if (!c.path("passed").asBoolean()) {
                failing.add(c);
            }
        });
        assertThat(failing)
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.path("detail").asText()).isNotBlank());
        assertThat(failing).anySatisfy(c -> assertThat(c.path("file").asText()).isEqualTo("CLAIM-001.json"));
        assertThat(run.path("cases").size())
                .isEqualTo(run.path("passed").asInt() + run.path("failed").asInt());

        JsonNode clean = expect(200, json(post("/api/v1/rules/test"), mapper.writeValueAsBytes(Map.of())));
        assertThat(clean.path("ok").asBoolean()).isTrue();
        assertThat(clean.path("failed").asInt()).isZero();
        assertThat(clean.path("hash").asText()).isEqualTo(rules.current().hash());

        String broken = new String(Fixtures.resource("broken.drl"), StandardCharsets.UTF_8);
        JsonNode p = problem(422, json(post("/api/v1/rules/test"), change("broken.drl", broken)));
        assertThat(p.path("errors").get(0).path("file").asText()).isEqualTo("broken.drl");
    }

    // ---- refusing ----

    @Test
    void namesOutsideTheRulesFolderOrOfOtherFilesAreRefused() throws Exception {
        String hash = rules.current().hash();
        for (String name : List.of("notes.txt", "x..drl", ".hidden.drl", "~$lock.drl.xlsx", "rules.drl.bak")) {
            JsonNode p = problem(
                    400,
                    put("/api/v1/rules/files/{name}", name)
                            .contentType(MediaType.TEXT_PLAIN)
                            .content("x"));
            assertThat(p.path("detail").asText()).contains(name);
        }
        // Separators and dots in the address are refused before they reach the controller (a name
        // with a plain '/' is another address, which does not exist).
        for (String name : List.of("../escape.drl", "..\\escape.drl", "/tmp/escape.drl", "%2E%2E%2Fescape.drl")) {
            MvcResult r = perform(
                    put("/api/v1/rules/files/{name}", name)
                            .contentType(MediaType.TEXT_PLAIN)
                            .content("x"),
                    OFFICER);
            assertThat(r.getResponse().getStatus()).as(name).isEqualTo(400);
        }
        // In a body they reach it, and it refuses them.
        for (String name :
                List.of("../escape.drl", "..\\escape.drl", "/tmp/escape.drl", "C:escape.drl", "tests/x.drl")) {
            problem(400, json(post("/api/v1/rules/validate"), change(name, "package x;")));
            problem(400, json(post("/api/v1/rules/test"), change(name, "package x;")));
        }
        problem(400, delete("/api/v1/rules/files/{name}", "x..drl"));
        assertThat(root.resolve("escape.drl")).doesNotExist();
        assertThat(Path.of("/tmp/escape.drl")).doesNotExist();
        assertThat(rules.current().hash()).isEqualTo(hash);
    }

    @LocalServerPort
    int port;

    @Test
    void overTheWireNoEncodingOfAPathGetsAFileWrittenOutsideTheRulesFolder() throws Exception {
        String hash = rules.current().hash();
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString("officer:officer-demo".getBytes());
        List<String> names = List.of(
                "..%2Fescape.drl",
                "%2e%2e%2fescape.drl",
                "%2E%2E/escape.drl",
                "%252e%252e%252fescape.drl",
                "..%5Cescape.drl",
                "%5Ctmp%5Cescape.drl",
                "%2Ftmp%2Fescape.drl",
                "C:%5Cescape.drl",
                "rules%2F..%2F..%2Fescape.drl",
                "escape.drl%00.txt",
                "escape%00.drl",
                "..;%2Fescape.drl",
                "%C0%AE%C0%AE%2Fescape.drl");
        for (String name : names) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/rules/files/" + name))
                            .header("Authorization", auth)
                            .header("Content-Type", "text/plain")
                            .PUT(HttpRequest.BodyPublishers.ofString("package escape;\n"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("%s: %s", name, r.body()).isIn(400, 404);
            // An encoded '/' or '\\' is refused by the servlet container itself, before the
            // application, with its bare error page (no version, no trace); the rest as problems.
            assertThat(r.headers().firstValue("Content-Type").orElse(""))
                    .as("%s: %s", name, r.body())
                    .matches("application/problem\\+json.*|text/html.*");
            assertThat(r.body())
                    .as(name)
                    .doesNotContain("Exception")
                    .doesNotContain("at org.")
                    .doesNotContain("Tomcat")
                    .doesNotContain(dir().toString());
        }
        for (Path outside : List.of(
                root.resolve("escape.drl"), root.getParent().resolve("escape.drl"), Path.of("/tmp/escape.drl"))) {
            assertThat(outside).doesNotExist();
        }
        try (var files = Files.list(dir())) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(f -> f.contains("escape"));
        }
        assertThat(rules.current().hash()).isEqualTo(hash);
    }

    @Test
    void aSymbolicLinkInTheRulesFolderIsNeverFollowedOutOfIt() throws Exception {
        Path outside = root.resolve("outside.drl");
        Files.writeString(outside, "// not a rule file of the folder\n");
        Path link = dir().resolve("linked.drl");
        Files.createSymbolicLink(link, outside);
        try {
            MvcResult put = perform(
                    put("/api/v1/rules/files/linked.drl")
                            .header("If-Match", "*")
                            .contentType(MediaType.TEXT_PLAIN)
                            .content("package candor.linked;\n"),
                    OFFICER);
            assertThat(put.getResponse().getStatus()).isLessThan(500);
            MvcResult delete = perform(delete("/api/v1/rules/files/linked.drl").header("If-Match", "*"), OFFICER);
            assertThat(delete.getResponse().getStatus()).isLessThan(500);
            assertThat(Files.readString(outside))
                    .as("the file the link points to is neither written nor deleted")
                    .isEqualTo("// not a rule file of the folder\n");
        } finally {
            Files.deleteIfExists(link);
            // Put the folder back in force as it was, whatever the calls above did.
            perform(post("/api/v1/rules/reload"), OFFICER);
        }
    }

    @Test
    void aChangeThatDoesNotBuildIsRefusedNamingFileAndLine() throws Exception {
        String hash = rules.current().hash();
        String broken = new String(Fixtures.resource("broken.drl"), StandardCharsets.UTF_8);
        JsonNode p = problem(422, putOnCurrent("broken.drl", broken));
        JsonNode error = p.path("errors").get(0);
        assertThat(error.path("file").asText()).isEqualTo("broken.drl");
        assertThat(error.path("line").asInt()).isEqualTo(7);
        assertThat(error.path("column").asInt()).isPositive();
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(dir().resolve("broken.drl")).doesNotExist();
        assertThat(rules.current().hash()).isEqualTo(hash);

        // A decision table row that repeats another is refused the same way, by file and row.
        String duplicate = file("thresholds.table.csv") + "\"BURIED_HASHTAG_RUN\",\"3\",\"again\"\n";
        JsonNode rows = problem(422, putOnCurrent("thresholds.table.csv", duplicate));
        assertThat(rows.path("errors").get(0).path("file").asText()).isEqualTo("thresholds.table.csv");
        assertThat(rows.path("errors").get(0).path("line").asInt()).isEqualTo(13);
        assertThat(rows.path("errors").get(0).path("message").asText()).contains("duplicate row", "row 10");
    }

    @Test
    void aChangeThatFailsRuleTestsIsRefusedUnlessForcedAndAForcedChangeIsRecorded() throws Exception {
        String original = file("thresholds.table.csv");
        String before = rules.current().hash();
        String tooLenient = Fixtures.withThreshold(original, "AUDIENCE_OVERCLAIM_PCT", "1000");

        JsonNode refused = problem(409, putOnCurrent("thresholds.table.csv", tooLenient));
        assertThat(refused.path("failures")).anySatisfy(f -> {
            assertThat(f.path("file").asText()).isEqualTo("CLAIM-001.json");
            assertThat(f.path("detail").asText()).contains("missing CLAIM-001");
        });
        assertThat(file("thresholds.table.csv")).isEqualTo(original);
        assertThat(rules.current().hash()).isEqualTo(before);

        JsonNode forced = putFile("thresholds.table.csv", tooLenient, true, 200);
        try {
            assertThat(forced.path("applied").asBoolean()).isTrue();
            assertThat(forced.path("forced").asBoolean()).isTrue();
            assertThat(forced.path("failures").toString()).contains("CLAIM-001.json");
            assertThat(forced.path("hashBefore").asText()).isEqualTo(before);
            assertThat(forced.path("hashAfter").asText())
                    .isEqualTo(rules.current().hash())
                    .isNotEqualTo(before);
            JsonNode change = forced.path("change");
            assertThat(change.path("action").asText()).isEqualTo("PUT");
            assertThat(change.path("who").asText()).isEqualTo("officer");
            assertThat(change.path("forced").asBoolean()).isTrue();
            assertThat(change.path("diff")
                            .path("files")
                            .get(0)
                            .path("cells")
                            .get(0)
                            .path("cell")
                            .asText())
                    .isEqualTo("B3");
            assertThat(file("thresholds.table.csv")).isEqualTo(tooLenient);

            JsonNode latest = expect(200, get("/api/v1/rules/history").param("size", "1"))
                    .path("items")
                    .get(0);
            assertThat(latest.path("id").asLong()).isEqualTo(change.path("id").asLong());
            assertThat(latest.path("forced").asBoolean()).isTrue();
            assertThat(latest.path("failures").toString()).contains("CLAIM-001.json");
        } finally {
            putFile("thresholds.table.csv", original, false, 200);
        }
        assertThat(rules.current().hash()).isEqualTo(before);
        JsonNode restored = expect(200, get("/api/v1/rules/history").param("size", "1"))
                .path("items")
                .get(0);
        assertThat(restored.path("forced").asBoolean()).isFalse();
        assertThat(restored.path("hashAfter").asText()).isEqualTo(before);
    }

    @Test
    void aCaseFailingWithTheRulesInForceTooIsReportedApartAndKeepsNoChangeOut() throws Exception {
        Path extra = dir().resolve("tests/extra/DISC-001.json");
        Files.createDirectories(extra.getParent());
        Files.copy(Path.of("src/test/resources/cli/wrong-expectation.json"), extra);
        String original = file("disclosure.drl");
        String thresholds = file("thresholds.table.csv");
        String before = rules.current().hash();
        try {
            JsonNode run = expect(200, json(post("/api/v1/rules/test"), change("disclosure.drl", original + "\n")));
            assertThat(run.path("ok").asBoolean()).as("nothing fails anew").isTrue();
            assertThat(run.path("failed").asInt()).isEqualTo(1);
            assertThat(run.path("liveHash").asText()).isEqualTo(before);
            assertThat(run.path("newFailures")).isEmpty();
            assertThat(run.path("alreadyFailing")).singleElement().satisfies(c -> {
                assertThat(c.path("file").asText()).isEqualTo("extra/DISC-001.json");
                assertThat(c.path("passed").asBoolean()).isFalse();
            });

            // A change that breaks a case is still refused; the old failure is listed apart.
            String tooLenient = Fixtures.withThreshold(thresholds, "AUDIENCE_OVERCLAIM_PCT", "1000");
            JsonNode broken = expect(200, json(post("/api/v1/rules/test"), change("thresholds.table.csv", tooLenient)));
            assertThat(broken.path("ok").asBoolean()).isFalse();
            assertThat(broken.path("newFailures"))
                    .isNotEmpty()
                    .allSatisfy(c -> assertThat(c.path("file").asText()).isNotEqualTo("extra/DISC-001.json"));
            JsonNode refused = problem(409, putOnCurrent("thresholds.table.csv", tooLenient));
            assertThat(refused.path("failures"))
                    .anySatisfy(f -> assertThat(f.path("file").asText()).isEqualTo("CLAIM-001.json"))
                    .noneSatisfy(f -> assertThat(f.path("file").asText()).isEqualTo("extra/DISC-001.json"));
            assertThat(refused.path("alreadyFailing"))
                    .singleElement()
                    .satisfies(f -> assertThat(f.path("file").asText()).isEqualTo("extra/DISC-001.json"));
            assertThat(rules.current().hash()).isEqualTo(before);

            // A change that breaks nothing is saved, not forced, with the old failure recorded.
            JsonNode saved = putFile("disclosure.drl", original + "// reviewed\n", false, 200);
            assertThat(saved.path("applied").asBoolean()).isTrue();
            assertThat(saved.path("forced").asBoolean()).isFalse();
            assertThat(saved.path("failures")).isEmpty();
            assertThat(saved.path("alreadyFailing").toString()).contains("extra/DISC-001.json — ");
            assertThat(saved.path("change").path("forced").asBoolean()).isFalse();
            assertThat(saved.path("change").path("alreadyFailing").toString()).contains("extra/DISC-001.json");
            JsonNode latest = history().path("items").get(0);
            assertThat(latest.path("id").asLong())
                    .isEqualTo(saved.path("change").path("id").asLong());
            assertThat(latest.path("failures")).isEmpty();
            assertThat(latest.path("alreadyFailing").toString()).contains("extra/DISC-001.json");

            // A reload of the folder put back by hand: the same.
            Files.writeString(dir().resolve("disclosure.drl"), original);
            JsonNode reloaded = expect(200, post("/api/v1/rules/reload"));
            assertThat(reloaded.path("applied").asBoolean()).isTrue();
            assertThat(reloaded.path("forced").asBoolean()).isFalse();
            assertThat(reloaded.path("alreadyFailing").toString()).contains("extra/DISC-001.json");
            assertThat(reloaded.path("change").path("action").asText()).isEqualTo("RELOAD");
            assertThat(reloaded.path("change").path("alreadyFailing").toString())
                    .contains("extra/DISC-001.json");
        } finally {
            Files.delete(extra);
            Files.delete(extra.getParent());
            Files.writeString(dir().resolve("disclosure.drl"), original);
            expect(200, post("/api/v1/rules/reload"));
        }
        assertThat(rules.current().hash()).isEqualTo(before);
    }

    @Test
    void aNewFileIsCreatedAndCanBeDeleted() throws Exception {
        String before = rules.current().hash();
        String extra = new String(Fixtures.resource("extra-terms.table.csv"), StandardCharsets.UTF_8);
        MvcResult created = perform(putOnCurrent("extra-terms.table.csv", extra), OFFICER);
        assertThat(created.getResponse().getStatus())
                .as(created.getResponse().getContentAsString())
                .isEqualTo(201);
        assertThat(created.getResponse().getHeader("Location")).isEqualTo("/api/v1/rules/files/extra-terms.table.csv");
        assertThat(file("extra-terms.table.csv")).isEqualTo(extra);
        try (var files = Files.list(dir())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        String withExtra = rules.current().hash();
        assertThat(withExtra).isNotEqualTo(before);

        JsonNode same = putFile("extra-terms.table.csv", extra, false, 200);
        assertThat(same.path("applied").asBoolean())
                .as("the same content changes nothing")
                .isFalse();
        assertThat(same.has("change")).isFalse();

        JsonNode deleted = expect(200, deleteCurrent("extra-terms.table.csv"));
        assertThat(deleted.path("applied").asBoolean()).isTrue();
        assertThat(deleted.path("change").path("action").asText()).isEqualTo("DELETE");
        assertThat(deleted.path("change").path("files").get(0).asText()).isEqualTo("extra-terms.table.csv");
        assertThat(deleted.path("change")
                        .path("diff")
                        .path("files")
                        .get(0)
                        .path("change")
                        .asText())
                .isEqualTo("REMOVED");
        assertThat(deleted.path("hashBefore").asText()).isEqualTo(withExtra);
        assertThat(dir().resolve("extra-terms.table.csv")).doesNotExist();
        assertThat(rules.current().hash()).isEqualTo(before);

        problem(404, delete("/api/v1/rules/files/extra-terms.table.csv"));
    }

    @Test
    void deletingAFileTheRulesNeedIsRefused() throws Exception {
        JsonNode p = problem(422, deleteCurrent("thresholds.table.csv"));
        assertThat(p.path("errors").toString()).contains("no thresholds table has a row named ADULT_AGE");
        assertThat(dir().resolve("thresholds.table.csv")).exists();
    }

    @Test
    void reloadPutsInForceWhatTheFolderHoldsAndRefusesWhatDoesNotBuild() throws Exception {
        JsonNode nothing = expect(200, post("/api/v1/rules/reload"));
        assertThat(nothing.path("applied").asBoolean()).isFalse();

        Path disclosure = dir().resolve("disclosure.drl");
        String original = Files.readString(disclosure);
        String before = rules.current().hash();
        try {
            Files.writeString(
                    disclosure, original.replace("@title(\"No disclosure\")", "@title(\"Nothing disclosed\")"));
            JsonNode reloaded = expect(200, post("/api/v1/rules/reload"));
            assertThat(reloaded.path("applied").asBoolean()).isTrue();
            JsonNode change = reloaded.path("change");
            assertThat(change.path("action").asText()).isEqualTo("RELOAD");
            assertThat(change.path("who").asText()).isEqualTo("officer");
            assertThat(change.path("hashBefore").asText()).isEqualTo(before);
            assertThat(change.path("diff")
                            .path("catalog")
                            .path("changed")
                            .path("DISC-001")
                            .get(0)
                            .asText())
                    .isEqualTo("title: No disclosure → Nothing disclosed");

            Files.write(dir().resolve("broken.drl"), Fixtures.resource("broken.drl"));
            String inForce = rules.current().hash();
            JsonNode refused = problem(422, post("/api/v1/rules/reload"));
            assertThat(refused.path("errors").get(0).path("file").asText()).isEqualTo("broken.drl");
            assertThat(rules.current().hash()).isEqualTo(inForce);
            JsonNode list = expect(200, get("/api/v1/rules/files"));
            assertThat(list.path("folderHash").asText())
                    .isNotEqualTo(list.path("ruleSetHash").asText());
            assertThat(list.path("lastErrors").get(0).path("file").asText()).isEqualTo("broken.drl");
        } finally {
            Files.deleteIfExists(dir().resolve("broken.drl"));
            Files.writeString(disclosure, original);
            expect(200, post("/api/v1/rules/reload"));
        }
        assertThat(rules.current().hash()).isEqualTo(before);
    }

    // ---- versions: two officers editing the same file ----

    @Test
    void aFileIsSentWithItsVersionAndAnswersAConditionalGet() throws Exception {
        MvcResult r = perform(get("/api/v1/rules/files/thresholds.table.csv"), OFFICER);
        String etag = r.getResponse().getHeader("ETag");
        assertThat(etag).isEqualTo(etag("thresholds.table.csv")).matches("\"[0-9a-f]{64}\"");
        MvcResult same =
                perform(get("/api/v1/rules/files/thresholds.table.csv").header("If-None-Match", etag), OFFICER);
        assertThat(same.getResponse().getStatus()).isEqualTo(304);
        assertThat(same.getResponse().getContentAsByteArray()).isEmpty();
        JsonNode list = expect(200, get("/api/v1/rules/files"));
        list.path("files").forEach(f -> {
            if (f.path("name").asText().equals("thresholds.table.csv")) {
                assertThat("\"" + f.path("sha256").asText() + "\"").isEqualTo(etag);
            }
        });
    }

    @Test
    void theSecondOfTwoOfficersEditingTheSameFileIsRefusedAndTheFirstChangeStays() throws Exception {
        String original = file("disclosure.drl");
        String before = rules.current().hash();
        // Both open the file: the same content, the same version.
        MvcResult first = perform(get("/api/v1/rules/files/disclosure.drl"), OFFICER);
        MvcResult second = perform(get("/api/v1/rules/files/disclosure.drl"), OFFICER);
        String version = first.getResponse().getHeader("ETag");
        assertThat(second.getResponse().getHeader("ETag")).isEqualTo(version);

        String theirs = original.replace("@title(\"No disclosure\")", "@title(\"No disclosure at all\")");
        String mine = original.replace("@title(\"No disclosure\")", "@title(\"Disclosure missing\")");
        try {
            MvcResult saved = perform(
                    put("/api/v1/rules/files/disclosure.drl")
                            .header("If-Match", version)
                            .contentType(MediaType.TEXT_PLAIN)
                            .content(theirs),
                    OFFICER);
            assertThat(saved.getResponse().getStatus())
                    .as(saved.getResponse().getContentAsString())
                    .isEqualTo(200);
            String newVersion = saved.getResponse().getHeader("ETag");
            assertThat(newVersion).isNotEqualTo(version).isEqualTo(etag("disclosure.drl"));
            String afterFirst = rules.current().hash();
            long changes = history().path("total").asLong();

            JsonNode stale = problem(
                    412,
                    put("/api/v1/rules/files/disclosure.drl")
                            .header("If-Match", version)
                            .contentType(MediaType.TEXT_PLAIN)
                            .content(mine));
            assertThat(stale.path("detail").asText()).contains("changed by someone else", newVersion);
            JsonNode none = problem(
                    428,
                    put("/api/v1/rules/files/disclosure.drl")
                            .contentType(MediaType.TEXT_PLAIN)
                            .content(mine));
            assertThat(none.path("detail").asText()).contains("If-Match");
            // A weak validator never matches a file's version; If-None-Match: * only creates.
            problem(
                    412,
                    put("/api/v1/rules/files/disclosure.drl")
                            .header("If-Match", "W/" + newVersion)
                            .contentType(MediaType.TEXT_PLAIN)
                            .content(mine));
            problem(
                    412,
                    put("/api/v1/rules/files/disclosure.drl")
                            .header("If-None-Match", "*")
                            .contentType(MediaType.TEXT_PLAIN)
                            .content(mine));
            problem(428, delete("/api/v1/rules/files/disclosure.drl"));
            problem(412, delete("/api/v1/rules/files/disclosure.drl").header("If-Match", version));

            assertThat(file("disclosure.drl")).as("the first change stays").isEqualTo(theirs);
            assertThat(rules.current().hash()).isEqualTo(afterFirst);
            assertThat(history().path("total").asLong()).as("nothing recorded").isEqualTo(changes);

            // Made again on the version as it is now, the second change goes through.
            MvcResult again = perform(
                    put("/api/v1/rules/files/disclosure.drl")
                            .header("If-Match", "\"0000\", " + newVersion)
                            .contentType(MediaType.TEXT_PLAIN)
                            .content(mine),
                    OFFICER);
            assertThat(again.getResponse().getStatus()).isEqualTo(200);
            assertThat(file("disclosure.drl")).isEqualTo(mine);
        } finally {
            putFile("disclosure.drl", original, false, 200);
        }
        assertThat(rules.current().hash()).isEqualTo(before);
    }

    @Test
    void creatingAFileNeedsIfNoneMatchAndNeverOverwritesOne() throws Exception {
        String extra = new String(Fixtures.resource("extra-terms.table.csv"), StandardCharsets.UTF_8);
        problem(
                428,
                put("/api/v1/rules/files/extra-terms.table.csv")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content(extra));
        problem(
                412,
                put("/api/v1/rules/files/extra-terms.table.csv")
                        .header("If-Match", "*")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content(extra));
        assertThat(dir().resolve("extra-terms.table.csv")).doesNotExist();
        MvcResult created = perform(
                put("/api/v1/rules/files/extra-terms.table.csv")
                        .header("If-None-Match", "*")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content(extra),
                OFFICER);
        try {
            assertThat(created.getResponse().getStatus()).isEqualTo(201);
            assertThat(created.getResponse().getHeader("ETag")).isEqualTo(etag("extra-terms.table.csv"));
            problem(
                    412,
                    put("/api/v1/rules/files/extra-terms.table.csv")
                            .header("If-None-Match", "*")
                            .contentType(MediaType.TEXT_PLAIN)
                            .content(extra + "\n"));
            assertThat(file("extra-terms.table.csv")).isEqualTo(extra);
        } finally {
            expect(200, deleteCurrent("extra-terms.table.csv"));
        }
    }

    // ---- file modes ----

    @Test
    void aChangedFileKeepsItsFileModeAndANewFileGetsTheFoldersDefault() throws Exception {
        Path thresholds = dir().resolve("thresholds.table.csv");
        String original = file("thresholds.table.csv");
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(thresholds);
        try {
            // Each PUT is made on a file of another mode: the edit on 0644, the way back on 0640.
            String edited = original.replace("keep the names.", "keep the names. (mode kept)");
            Files.setPosixFilePermissions(thresholds, PosixFilePermissions.fromString("rw-r--r--"));
            putFile("thresholds.table.csv", edited, false, 200);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(thresholds)))
                    .as("mode after a PUT")
                    .isEqualTo("rw-r--r--");
            Files.setPosixFilePermissions(thresholds, PosixFilePermissions.fromString("rw-r-----"));
            putFile("thresholds.table.csv", original, false, 200);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(thresholds)))
                    .as("mode after a PUT")
                    .isEqualTo("rw-r-----");
        } finally {
            Files.setPosixFilePermissions(thresholds, before);
        }

        Path probe = Files.createFile(dir().resolve(".probe"));
        Set<PosixFilePermission> fresh = Files.getPosixFilePermissions(probe);
        Files.delete(probe);
        String extra = new String(Fixtures.resource("extra-terms.table.csv"), StandardCharsets.UTF_8);
        putFile("extra-terms.table.csv", extra, false, 201);
        try {
            assertThat(Files.getPosixFilePermissions(dir().resolve("extra-terms.table.csv")))
                    .as("a new file gets the mode any new file of the folder gets, not a temporary file's 0600")
                    .isEqualTo(fresh);
        } finally {
            expect(200, deleteCurrent("extra-terms.table.csv"));
        }
    }

    // ---- reload through the rule tests ----

    @Test
    void aReloadWhoseRuleTestsFailIsRefusedAndRecordedUnlessForced() throws Exception {
        Path thresholds = dir().resolve("thresholds.table.csv");
        String original = file("thresholds.table.csv");
        String before = rules.current().hash();
        try {
            Files.writeString(thresholds, Fixtures.withThreshold(original, "AUDIENCE_OVERCLAIM_PCT", "1000"));
            JsonNode refused = problem(409, post("/api/v1/rules/reload"));
            assertThat(refused.path("failures").toString()).contains("CLAIM-001.json", "missing CLAIM-001");
            assertThat(rules.current().hash()).as("not put in force").isEqualTo(before);
            JsonNode entry = history().path("items").get(0);
            assertThat(entry.path("id").asLong())
                    .isEqualTo(refused.path("change").asLong());
            assertThat(entry.path("action").asText()).isEqualTo("RELOAD");
            assertThat(entry.path("who").asText()).isEqualTo("officer");
            assertThat(entry.path("outcome").asText()).isEqualTo("REFUSED");
            assertThat(entry.path("forced").asBoolean()).isFalse();
            assertThat(entry.path("hashBefore").asText()).isEqualTo(before);
            assertThat(entry.path("failures").toString()).contains("CLAIM-001.json");
            JsonNode folder = expect(200, get("/api/v1/rules/files"));
            assertThat(folder.path("lastTestFailures").toString()).contains("CLAIM-001.json");
            assertThat(folder.path("folderHash").asText())
                    .isNotEqualTo(folder.path("ruleSetHash").asText());

            // The same folder again: refused again, recorded once.
            long total = history().path("total").asLong();
            problem(409, post("/api/v1/rules/reload"));
            assertThat(history().path("total").asLong()).isEqualTo(total);
            assertThat(rules.current().hash()).isEqualTo(before);

            JsonNode forced = expect(200, post("/api/v1/rules/reload").param("force", "true"));
            assertThat(forced.path("applied").asBoolean()).isTrue();
            assertThat(forced.path("forced").asBoolean()).isTrue();
            assertThat(forced.path("failures").toString()).contains("CLAIM-001.json");
            assertThat(forced.path("change").path("action").asText()).isEqualTo("RELOAD");
            assertThat(forced.path("change").path("outcome").asText()).isEqualTo("APPLIED");
            assertThat(forced.path("change").path("forced").asBoolean()).isTrue();
            assertThat(rules.current().hash()).isNotEqualTo(before);
            assertThat(expect(200, get("/api/v1/rules/files")).path("lastTestFailures"))
                    .isEmpty();
        } finally {
            Files.writeString(thresholds, original);
            expect(200, post("/api/v1/rules/reload"));
        }
        assertThat(rules.current().hash()).isEqualTo(before);
    }

    private JsonNode history() throws Exception {
        return expect(200, get("/api/v1/rules/history").param("size", "5"));
    }

    // ---- history ----

    @Test
    void theHistoryListsEveryChangeNewestFirstWithWhoWhenAndTheDiff() throws Exception {
        String original = file("disclosure.drl");
        String before = rules.current().hash();
        putFile("disclosure.drl", original.replace("@title(\"No disclosure\")", "@title(\"Undisclosed\")"), false, 200);
        putFile("disclosure.drl", original, false, 200);

        JsonNode page =
                expect(200, get("/api/v1/rules/history").param("page", "0").param("size", "2"));
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(2);
        assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(3);
        JsonNode restore = page.path("items").get(0);
        JsonNode edit = page.path("items").get(1);
        assertThat(restore.path("id").asLong()).isGreaterThan(edit.path("id").asLong());
        for (JsonNode entry : List.of(restore, edit)) {
            assertThat(entry.path("who").asText()).isEqualTo("officer");
            assertThat(entry.path("action").asText()).isEqualTo("PUT");
            assertThat(entry.path("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(entry.path("files").get(0).asText()).isEqualTo("disclosure.drl");
            assertThat(entry.path("forced").asBoolean()).isFalse();
        }
        assertThat(edit.path("hashBefore").asText()).isEqualTo(before);
        assertThat(edit.path("hashAfter").asText())
                .isEqualTo(restore.path("hashBefore").asText());
        assertThat(restore.path("hashAfter").asText()).isEqualTo(before);
        assertThat(edit.path("diff")
                        .path("catalog")
                        .path("changed")
                        .path("DISC-001")
                        .get(0)
                        .asText())
                .isEqualTo("title: No disclosure → Undisclosed");
        assertThat(edit.path("diff").path("files").get(0).path("text").asText())
                .contains("@@", "-    @title(\"No disclosure\")", "+    @title(\"Undisclosed\")");

        JsonNode all = expect(200, get("/api/v1/rules/history").param("size", "200"));
        JsonNode first = all.path("items").get(all.path("items").size() - 1);
        assertThat(first.path("action").asText()).isEqualTo("STARTUP");
        assertThat(first.path("hashBefore").isNull()).isTrue();

        problem(400, get("/api/v1/rules/history").param("size", "0"));
    }

    // ---- re-evaluation under the original rules ----

    @Test
    void anEvaluationCanBeJudgedAgainUnderItsOriginalRulesOrTheCurrentOnes() throws Exception {
        MvcResult submitted = perform(
                post("/api/v1/evaluations")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(Files.readAllBytes(Path.of("src/test/resources/campaigns/spec-example.json"))),
                AGENCY);
        assertThat(submitted.getResponse().getStatus())
                .as(submitted.getResponse().getContentAsString())
                .isEqualTo(201);
        JsonNode evaluation = mapper.readTree(submitted.getResponse().getContentAsByteArray());
        String id = evaluation.path("id").asText();
        String originalHash = evaluation.path("ruleSetHash").asText();
        assertThat(originalHash).isEqualTo(rules.current().hash());
        assertThat(ruleIds(evaluation)).contains("CLAIM-001");

        String original = file("thresholds.table.csv");
        putFile("thresholds.table.csv", Fixtures.withThreshold(original, "AUDIENCE_OVERCLAIM_PCT", "1000"), true, 200);
        try {
            String currentHash = rules.current().hash();
            assertThat(currentHash).isNotEqualTo(originalHash);

            JsonNode onOriginal =
                    expect(201, post("/api/v1/evaluations/{id}/reevaluate", id).param("rules", "original"));
            JsonNode onCurrent =
                    expect(201, post("/api/v1/evaluations/{id}/reevaluate", id).param("rules", "current"));
            JsonNode byDefault = expect(201, post("/api/v1/evaluations/{id}/reevaluate", id));

            assertThat(onOriginal.path("ruleSetHash").asText()).isEqualTo(originalHash);
            assertThat(onCurrent.path("ruleSetHash").asText()).isEqualTo(currentHash);
            assertThat(byDefault.path("ruleSetHash").asText()).isEqualTo(currentHash);
            assertThat(ruleIds(onOriginal)).isEqualTo(ruleIds(evaluation));
            assertThat(ruleIds(onCurrent)).doesNotContain("CLAIM-001");
            assertThat(onOriginal.path("id").asText()).isNotEqualTo(id);
            assertThat(onOriginal.path("submissionId").asText())
                    .isEqualTo(evaluation.path("submissionId").asText());

            // Judging the re-evaluation on current rules again under its own original rules: the current ones.
            String currentId = onCurrent.path("id").asText();
            JsonNode again = expect(
                    201, post("/api/v1/evaluations/{id}/reevaluate", currentId).param("rules", "ORIGINAL"));
            assertThat(again.path("ruleSetHash").asText()).isEqualTo(currentHash);

            problem(400, post("/api/v1/evaluations/{id}/reevaluate", id).param("rules", "yesterday"));
        } finally {
            putFile("thresholds.table.csv", original, false, 200);
        }
        assertThat(rules.current().hash()).isEqualTo(originalHash);
    }

    private static List<String> ruleIds(JsonNode evaluation) {
        List<String> ids = new ArrayList<>();
        evaluation.path("findings").forEach(f -> ids.add(f.path("ruleId").asText()));
        return ids;
    }
}
