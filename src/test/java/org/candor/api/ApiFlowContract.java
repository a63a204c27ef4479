package org.candor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.api.ApiTestSupport.User;
import org.candor.support.ServiceTest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * The way a campaign goes through the service, over real HTTP on the service's port: submitted
 * by its agency, listed, fetched, its report downloaded and read, judged again, and counted in the
 * portfolio. It runs on every database the service supports, one subclass each.
 *
 * <p>The campaigns are the examples of {@code examples/}, each submitted by a user of its agency:
 * the demo users for their agencies, and for every other example agency a test user that {@link
 * #registerUsers} adds beside the demo users. When the folder is empty or missing, the two test
 * payloads of Northwind Media stand in.
 */
@ServiceTest
abstract class ApiFlowContract {

    static final Path EXAMPLES = Path.of("examples");
    static final List<Path> STAND_INS = List.of(
            Path.of("src/test/resources/campaigns/spec-example.json"), Path.of("src/test/resources/cli/passing.json"));

    /** The users who submit, by the agency they submit for: the demo users, then one per example agency. */
    static final Map<String, User> AGENCY_USERS = agencyUsers();

    private static Map<String, User> agencyUsers() {
        Map<String, User> users = new java.util.LinkedHashMap<>();
        users.put("Northwind Media", ApiTestSupport.NORTHWIND);
        users.put("Lumen Collective", ApiTestSupport.LUMEN);
        ObjectMapper json = new ObjectMapper();
        for (Path f : examplesIn(EXAMPLES)) {
            try {
                String agency = json.readTree(f.toFile()).path("agency").asText();
                users.computeIfAbsent(agency, a -> new User("agency" + users.size(), "example-demo"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return users;
    }

    private static List<Path> examplesIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The demo users plus one AGENCY user per example agency. A list property is bound from one
     * source only, so the demo users are registered again beside the new ones.
     */
    static void registerUsers(DynamicPropertyRegistry registry) {
        org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder bcrypt =
                new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4);
        List<String[]> users = new ArrayList<>();
        users.add(new String[] {"officer", "officer-demo", "OFFICER", null});
        users.add(new String[] {"manager", "manager-demo", "MANAGER", null});
        AGENCY_USERS.forEach((agency, u) -> users.add(new String[] {u.name(), u.password(), "AGENCY", agency}));
        for (int i = 0; i < users.size(); i++) {
            String[] u = users.get(i);
            String prefix = "candor.users[" + i + "].";
            String hash = "{bcrypt}" + bcrypt.encode(u[1]);
            registry.add(prefix + "username", () -> u[0]);
            registry.add(prefix + "password", () -> hash);
            registry.add(prefix + "role", () -> u[2]);
            if (u[3] != null) {
                registry.add(prefix + "agency", () -> u[3]);
            }
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    /** An answer, whatever its status. */
    record Answer(HttpStatusCode status, HttpHeaders headers, byte[] body) {}

    /** What one campaign left behind: its evaluations in the order they were made. */
    record Submitted(Path file, String agency, List<String> evaluationIds) {}

    Answer call(HttpMethod method, String uri, User user, MediaType type, Object body, Object... vars) {
        RestClient client = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .requestFactory(new JdkClientHttpRequestFactory())
                .build();
        RestClient.RequestBodySpec request =
                client.method(method).uri(uri, vars).headers(h -> h.setBasicAuth(user.name(), user.password()));
        if (body != null) {
            request.contentType(type).body(body);
        }
        return request.exchange((req, res) ->
                new Answer(res.getStatusCode(), res.getHeaders(), res.getBody().readAllBytes()));
    }

    JsonNode json(Answer a, int status, String what) throws IOException {
        assertThat(a.status().value()).as("%s: %s", what, new String(a.body())).isEqualTo(status);
        assertThat(a.headers().getContentType()).isNotNull();
        assertThat(a.headers().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON))
                .isTrue();
        return mapper.readTree(a.body());
    }

    static List<Path> examples() {
        if (!Files.isDirectory(EXAMPLES)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String agencyOf(Path file) {
        try {
            return mapper.readTree(file.toFile()).path("agency").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCampaignGoesFromSubmissionToThePortfolio() {
        Instant start = Instant.now();
        String hash;
        try {
            hash = json(call(HttpMethod.GET, "/api/v1/rules", ApiTestSupport.OFFICER, null, null), 200, "rules")
                    .path("ruleSetHash")
                    .asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> campaigns = new ArrayList<>(examples());
        List<Path> skipped = campaigns.stream()
                .filter(f -> !AGENCY_USERS.containsKey(agencyOf(f)))
                .toList();
        if (skipped.size() == campaigns.size()) {
            campaigns.addAll(STAND_INS);
        }
        List<Submitted> submitted = new ArrayList<>();
        Stream<DynamicTest> each = campaigns.stream()
                .map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
                    String agency = agencyOf(file);
                    User user = AGENCY_USERS.get(agency);
                    assertThat(user)
                            .as("a user of %s's agency '%s'", file, agency)
                            .isNotNull();
                    submitted.add(flow(file, user, hash));
                }));
        Stream<DynamicTest> portfolio = Stream.of(DynamicTest.dynamicTest(
                "the portfolio counts every evaluation made", () -> portfolio(start, submitted, skipped)));
        return Stream.concat(each, portfolio);
    }

    /** One campaign from submission to re-evaluation. */
    Submitted flow(Path file, User agencyUser, String hash) throws Exception {
        byte[] body = Files.readAllBytes(file);
        JsonNode campaign = mapper.readTree(body);
        String agency = campaign.path("agency").asText();
        String brand = campaign.path("brand").asText();
        String reference = campaign.path("reference").asText();

        // Submit: 201, where it lives, and the whole evaluation.
        Answer created = call(HttpMethod.POST, "/api/v1/evaluations", agencyUser, MediaType.APPLICATION_JSON, body);
        JsonNode e = json(created, 201, "submit " + file);
        String id = e.path("id").asText();
        assertThat(created.headers().getLocation()).isNotNull();
        assertThat(created.headers().getLocation().toString()).endsWith("/api/v1/evaluations/" + id);
        assertThat(e.path("submissionId").asText()).isNotBlank();
        assertThat(e.path("reference").asText()).isEqualTo(reference);
        assertThat(e.path("agency").asText()).isEqualTo(agency);
        assertThat(e.path("verdict").asText()).isIn("PASS", "FAIL");
        assertThat(e.path("ruleSetHash").asText()).isEqualTo(hash);
        EvaluationApiTest.assertCompleteFindings(e);

        // The same file uploaded as a .json gets the same judgement.
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new FileSystemResource(file));
        JsonNode uploaded = json(
                call(HttpMethod.POST, "/api/v1/evaluations", agencyUser, MediaType.MULTIPART_FORM_DATA, form),
                201,
                "upload " + file);
        assertThat(uploaded.path("verdict")).isEqualTo(e.path("verdict"));
        assertThat(uploaded.path("findings")).isEqualTo(e.path("findings"));

        // Listed for its agency; fetched where the Location said.
        JsonNode list = json(
                call(
                        HttpMethod.GET,
                        "/api/v1/evaluations?agency={a}&brand={b}&size=200",
                        agencyUser,
                        null,
                        null,
                        agency,
                        brand),
                200,
                "list");
        List<String> listed = new ArrayList<>();
        list.path("items").forEach(i -> listed.add(i.path("id").asText()));
        assertThat(listed).contains(id, uploaded.path("id").asText());
        assertThat(list.path("total").asLong()).isGreaterThanOrEqualTo(2);
        JsonNode fetched = json(
                call(HttpMethod.GET, created.headers().getLocation().toString(), agencyUser, null, null), 200, "fetch");
        assertThat(fetched).isEqualTo(e);

        // The report, downloaded by a manager and read with POI.
        Answer report =
                call(HttpMethod.GET, "/api/v1/evaluations/{id}/report.xlsx", ApiTestSupport.MANAGER, null, null, id);
        assertThat(report.status().value()).isEqualTo(200);
        assertThat(report.headers().getContentType()).hasToString(ApiTestSupport.XLSX);
        ContentDisposition cd = report.headers().getContentDisposition();
        assertThat(cd.isAttachment()).isTrue();
        assertThat(cd.getFilename()).matches("[A-Za-z0-9][A-Za-z0-9._-]*-" + hash.substring(0, 12) + "\\.xlsx");
        try (XSSFWorkbook wb = Workbooks.open(report.body())) {
            assertThat(Workbooks.labelValues(wb.getSheet("Summary")))
                    .containsEntry("Campaign", reference)
                    .containsEntry("Agency", agency)
                    .containsEntry("Brand", brand)
                    .containsEntry("Verdict", e.path("verdict").asText())
                    .containsEntry("Rule set", hash)
                    .containsEntry("Submitted by", agencyUser.name());
            List<String> ruleIds = new ArrayList<>();
            e.path("findings").forEach(f -> ruleIds.add(f.path("ruleId").asText()));
            assertThat(Workbooks.table(wb.getSheet("Findings")))
                    .extracting(row -> row.get("Rule"))
                    .containsExactlyElementsOf(ruleIds);
        }

        // Judged again by an officer: a new evaluation, and the old one stays.
        Answer again =
                call(HttpMethod.POST, "/api/v1/evaluations/{id}/reevaluate", ApiTestSupport.OFFICER, null, null, id);
        JsonNode fresh = json(again, 201, "reevaluate");
        String freshId = fresh.path("id").asText();
        assertThat(freshId).isNotEqualTo(id);
        assertThat(again.headers().getLocation().toString()).endsWith("/api/v1/evaluations/" + freshId);
        assertThat(fresh.path("submissionId")).isEqualTo(e.path("submissionId"));
        assertThat(fresh.path("verdict")).isEqualTo(e.path("verdict"));
        assertThat(fresh.path("findings")).isEqualTo(e.path("findings"));
        assertThat(json(call(HttpMethod.GET, "/api/v1/evaluations/{id}", agencyUser, null, null, id), 200, "old one"))
                .isEqualTo(e);

        return new Submitted(file, agency, List.of(id, uploaded.path("id").asText(), freshId));
    }

    /** The portfolio since the start, per agency and for all, lists every evaluation made. */
    void portfolio(Instant start, List<Submitted> submitted, List<Path> skipped) throws Exception {
        assertThat(submitted)
                .as("campaigns submitted; skipped for want of a demo user of their agency: %s", skipped)
                .isNotEmpty();
        Map<String, List<String>> byAgency = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        for (Submitted s : submitted) {
            byAgency.computeIfAbsent(s.agency(), a -> new ArrayList<>()).addAll(s.evaluationIds());
            all.addAll(s.evaluationIds());
        }
        for (Map.Entry<String, List<String>> agency : byAgency.entrySet()) {
            Answer a = call(
                    HttpMethod.GET,
                    "/api/v1/reports/portfolio.xlsx?agency={a}&from={from}",
                    ApiTestSupport.MANAGER,
                    null,
                    null,
                    agency.getKey(),
                    start.toString());
            assertThat(a.status().value()).isEqualTo(200);
            assertThat(a.headers().getContentType()).hasToString(ApiTestSupport.XLSX);
            assertThat(a.headers().getContentDisposition().getFilename())
                    .startsWith("candor-portfolio-agency-")
                    .contains("-from-" + java.time.LocalDate.ofInstant(start, java.time.ZoneOffset.UTC))
                    .endsWith(".xlsx");
            try (XSSFWorkbook wb = Workbooks.open(a.body())) {
                List<Map<String, String>> rows = Workbooks.table(wb.getSheet("Evaluations"));
                List<String> newestFirst = new ArrayList<>(agency.getValue());
                java.util.Collections.reverse(newestFirst);
                assertThat(rows).extracting(row -> row.get("Id")).containsExactlyElementsOf(newestFirst);
                assertThat(rows).allSatisfy(row -> assertThat(row.get("Agency")).isEqualTo(agency.getKey()));
                assertThat(Workbooks.labelValues(wb.getSheet("Summary")))
                        .containsEntry(
                                "Evaluations", String.valueOf(agency.getValue().size()));
            }
        }
        Answer everything = call(
                HttpMethod.GET,
                "/api/v1/reports/portfolio.xlsx?from={from}",
                ApiTestSupport.OFFICER,
                null,
                null,
                start.toString());
        try (XSSFWorkbook wb = Workbooks.open(everything.body())) {
            assertThat(Workbooks.table(wb.getSheet("Evaluations")))
                    .extracting(row -> row.get("Id"))
                    .containsAll(all);
        }
    }
}
