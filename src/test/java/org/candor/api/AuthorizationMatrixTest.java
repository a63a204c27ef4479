package org.candor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Who may do what: every endpoint, as every kind of caller, with the exact status each gets.
 * {@code {northwind}} and {@code {lumen}} are evaluations of those agencies, {@code {unknown}} an
 * id that does not exist; "wrong" is northwind with a wrong password. The same table is kept in
 * {@code src/test/resources/api/authorization-matrix.md}; a test keeps the two alike.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest extends ApiTestSupport {

    static final String MATRIX = """
            | method | path                                                      | body                     | none | wrong | northwind | lumen | officer | manager |
            |--------|-----------------------------------------------------------|--------------------------|------|-------|-----------|-------|---------|---------|
            | POST   | /api/v1/evaluations                                       | spec-example.json        | 401  | 401   | 201       | 403   | 403     | 403     |
            | POST   | /api/v1/evaluations                                       | lumen-pass.json          | 401  | 401   | 403       | 201   | 403     | 403     |
            | POST   | /api/v1/evaluations                                       | spec-example.json upload | 401  | 401   | 201       | 403   | 403     | 403     |
            | GET    | /api/v1/evaluations                                       |                          | 401  | 401   | 200       | 200   | 200     | 200     |
            | GET    | /api/v1/evaluations/{northwind}                           |                          | 401  | 401   | 200       | 404   | 200     | 200     |
            | GET    | /api/v1/evaluations/{lumen}                               |                          | 401  | 401   | 404       | 200   | 200     | 200     |
            | GET    | /api/v1/evaluations/{unknown}                             |                          | 401  | 401   | 404       | 404   | 404     | 404     |
            | GET    | /api/v1/evaluations/{northwind}/report.xlsx               |                          | 401  | 401   | 200       | 404   | 200     | 200     |
            | GET    | /api/v1/evaluations/{lumen}/report.xlsx                   |                          | 401  | 401   | 404       | 200   | 200     | 200     |
            | GET    | /api/v1/evaluations/{unknown}/report.xlsx                 |                          | 401  | 401   | 404       | 404   | 404     | 404     |
            | POST   | /api/v1/evaluations/{northwind}/reevaluate                |                          | 401  | 401   | 403       | 403   | 201     | 201     |
            | POST   | /api/v1/evaluations/{lumen}/reevaluate                    |                          | 401  | 401   | 403       | 403   | 201     | 201     |
            | POST   | /api/v1/evaluations/{unknown}/reevaluate                  |                          | 401  | 401   | 403       | 403   | 404     | 404     |
            | POST   | /api/v1/evaluations/{northwind}/waivers                   | waiver-claim-006.json    | 401  | 401   | 403       | 403   | 201     | 403     |
            | POST   | /api/v1/evaluations/{lumen}/waivers                       | waiver-claim-006.json    | 401  | 401   | 403       | 403   | 400     | 403     |
            | POST   | /api/v1/evaluations/{unknown}/waivers                     | waiver-claim-006.json    | 401  | 401   | 403       | 403   | 404     | 403     |
            | GET    | /api/v1/evaluations/{northwind}/waivers                   |                          | 401  | 401   | 200       | 404   | 200     | 200     |
            | GET    | /api/v1/evaluations/{lumen}/waivers                       |                          | 401  | 401   | 404       | 200   | 200     | 200     |
            | GET    | /api/v1/waivers                                           |                          | 401  | 401   | 200       | 200   | 200     | 200     |
            | POST   | /api/v1/waivers/{unknown}/expire                          |                          | 401  | 401   | 403       | 403   | 404     | 403     |
            | GET    | /api/v1/reports/portfolio.xlsx                            |                          | 401  | 401   | 403       | 403   | 200     | 200     |
            | GET    | /api/v1/rules                                             |                          | 401  | 401   | 200       | 200   | 200     | 200     |
            | GET    | /api/v1/rules/files                                       |                          | 401  | 401   | 403       | 403   | 200     | 403     |
            | GET    | /api/v1/rules/history                                     |                          | 401  | 401   | 403       | 403   | 200     | 403     |
            | POST   | /api/v1/evaluations/{northwind}/reevaluate?rules=original |                          | 401  | 401   | 403       | 403   | 201     | 201     |
            | POST   | /api/v1/waivers/{waiver}/expire                           |                          | 401  | 401   | 403       | 403   | 200     | 403     |
            | GET    | /api/v1/templates/campaign.xlsx                           |                          | 401  | 401   | 200       | 200   | 200     | 200     |
            | GET    | /api/v1/rules/files/thresholds.table.csv                    |                          | 401  | 401   | 403       | 403   | 200     | 403     |
            | PUT    | /api/v1/rules/files/notes.txt                             |                          | 401  | 401   | 403       | 403   | 400     | 403     |
            | DELETE | /api/v1/rules/files/x..drl                                |                          | 401  | 401   | 403       | 403   | 400     | 403     |
            | POST   | /api/v1/rules/validate                                    | rule-change.json         | 401  | 401   | 403       | 403   | 200     | 403     |
            | POST   | /api/v1/rules/test                                        | rule-change.json         | 401  | 401   | 403       | 403   | 200     | 403     |
            | POST   | /api/v1/rules/reload                                      |                          | 401  | 401   | 403       | 403   | 200     | 403     |
            | GET    | /api/v1/rules/tables/thresholds.table.csv/workbook        |                          | 401  | 401   | 403       | 403   | 200     | 403     |
            | PUT    | /api/v1/rules/tables/notes.txt/workbook                   |                          | 401  | 401   | 403       | 403   | 404     | 403     |
            | POST   | /api/v1/rules/impact                                      | rule-change.json         | 401  | 401   | 403       | 403   | 202     | 403     |
            | GET    | /api/v1/rules/impact/{unknown}                            |                          | 401  | 401   | 403       | 403   | 404     | 403     |
            | DELETE | /api/v1/evaluations                                       |                          | 401  | 401   | 405       | 405   | 405     | 405     |
            | PUT    | /api/v1/evaluations/{northwind}                           |                          | 401  | 401   | 405       | 405   | 405     | 405     |
            | GET    | /v3/api-docs                                              |                          | 200  | 200   | 200       | 200   | 200     | 200     |
            | GET    | /actuator/health                                          |                          | 200  | 401   | 200       | 200   | 200     | 200     |
            | GET    | /actuator/metrics                                         |                          | 401  | 401   | 403       | 403   | 200     | 200     |
            """;

    static final Path MARKDOWN = Path.of("src/test/resources/api/authorization-matrix.md");

    static final Map<String, User> USERS = Map.of(
            "none", NONE,
            "wrong", new User("northwind", "wrong-password"),
            "northwind", NORTHWIND,
            "lumen", LUMEN,
            "officer", OFFICER,
            "manager", MANAGER);

    /** The table's lines of data, each split into its cells. */
    static List<List<String>> lines() {
        return MATRIX.lines()
                .skip(2)
                .map(line -> Arrays.stream(line.strip().split("\\|"))
                        .skip(1)
                        .map(String::strip)
                        .toList())
                .toList();
    }

    static List<String> users() {
        List<String> header = Arrays.stream(
                        MATRIX.lines().findFirst().orElseThrow().strip().split("\\|"))
                .skip(1)
                .map(String::strip)
                .toList();
        return header.subList(3, header.size());
    }

    /** One case per cell: an endpoint called by one user. */
    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        List<String> users = users();
        for (List<String> line : lines()) {
            for (int u = 0; u < users.size(); u++) {
                cases.add(Arguments.of(
                        line.get(0), line.get(1), line.get(2), users.get(u), Integer.parseInt(line.get(3 + u))));
            }
        }
        return cases.stream();
    }

    private final Map<String, String> ids = new java.util.HashMap<>();

    @BeforeAll
    void evaluationsOfBothAgencies() throws Exception {
        ids.put("{northwind}", submit(NORTHWIND, SPEC_EXAMPLE).path("id").asText());
        ids.put("{lumen}", submit(LUMEN, LUMEN_PASSING).path("id").asText());
        ids.put("{unknown}", UUID.randomUUID().toString());
        // A waiver of its own, on another evaluation, for the officer to end.
        String other = submit(NORTHWIND, SPEC_EXAMPLE).path("id").asText();
        MvcResult granted = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                                "/api/v1/evaluations/" + other + "/waivers")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(bodyOf("waiver-claim-006.json"))
                        .with(OFFICER.basic()))
                .andReturn();
        assertThat(granted.getResponse().getStatus()).isEqualTo(201);
        ids.put("{waiver}", json(granted).path("waivers").get(0).path("id").asText());
    }

    @ParameterizedTest(name = "{0} {1} {2} as {3} -> {4}")
    @MethodSource("cases")
    void eachCallerGetsExactlyItsStatus(String method, String path, String body, String user, int status)
            throws Exception {
        String uri = path;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            uri = uri.replace(id.getKey(), id.getValue());
        }
        MockHttpServletRequestBuilder request;
        if (body.endsWith(" upload")) {
            String file = body.substring(0, body.length() - " upload".length());
            request = multipart(uri).file(new MockMultipartFile("file", file, "application/json", bodyOf(file)));
        } else {
            request = request(HttpMethod.valueOf(method), uri);
            if (!body.isEmpty()) {
                request.contentType(MediaType.APPLICATION_JSON).content(bodyOf(body));
            }
        }

        MvcResult r = mvc.perform(request.with(USERS.get(user).basic())).andReturn();

        if (status >= 400) {
            assertProblem(r, status);
        } else {
            assertThat(r.getResponse().getStatus())
                    .as("%s %s as %s: %s", method, path, user, r.getResponse().getContentAsString())
                    .isEqualTo(status);
            assertThat(r.getResponse().getContentAsByteArray()).isNotEmpty();
            if (path.endsWith(".xlsx")) {
                assertThat(r.getResponse().getContentType()).isEqualTo(XLSX);
            }
        }
    }

    /** The bodies the table names, by file name. */
    static final Map<String, String> BODIES = Map.of(
            "spec-example.json",
            SPEC_EXAMPLE,
            "lumen-pass.json",
            LUMEN_PASSING,
            "waiver-claim-006.json",
            "api/waiver-claim-006.json",
            "rule-change.json",
            "api/rule-change.json");

    static byte[] bodyOf(String file) {
        assertThat(BODIES).as("bodies the table may name").containsKey(file);
        return payload(BODIES.get(file));
    }

    @Test
    void theMarkdownCopyOfTheMatrixIsTheSameTable() throws Exception {
        assertThat(Files.readString(MARKDOWN, StandardCharsets.UTF_8))
                .as("%s should hold the matrix of this test; the table is:%n%s", MARKDOWN, MATRIX)
                .contains(MATRIX.strip());
    }

    @Test
    void theMatrixCoversEveryUserAndEveryEndpointOfTheApi() {
        assertThat(users()).containsExactlyInAnyOrderElementsOf(USERS.keySet());
        assertThat(lines())
                .extracting(line -> line.get(1))
                .contains(
                        "/api/v1/evaluations",
                        "/api/v1/evaluations/{northwind}",
                        "/api/v1/evaluations/{northwind}/report.xlsx",
                        "/api/v1/evaluations/{northwind}/reevaluate",
                        "/api/v1/evaluations/{northwind}/waivers",
                        "/api/v1/waivers",
                        "/api/v1/reports/portfolio.xlsx",
                        "/api/v1/rules",
                        "/api/v1/rules/files/thresholds.table.csv",
                        "/api/v1/rules/reload",
                        "/api/v1/rules/validate",
                        "/api/v1/rules/test",
                        "/api/v1/rules/impact",
                        "/api/v1/rules/tables/thresholds.table.csv/workbook",
                        "/api/v1/rules/tables/notes.txt/workbook",
                        "/api/v1/waivers/{waiver}/expire",
                        "/api/v1/templates/campaign.xlsx",
                        "/v3/api-docs");
        assertThat(lines()).allSatisfy(line -> assertThat(line).hasSize(3 + USERS.size()));
    }
}
