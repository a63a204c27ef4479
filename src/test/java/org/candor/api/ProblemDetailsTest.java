package org.candor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;

/** Every error of the API as an RFC 9457 problem, and nothing of the service's inside. */
class ProblemDetailsTest extends ApiTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One byte over the 5 MB cap. */
    static final int OVER_THE_CAP = 5 * 1024 * 1024 + 1;

    JsonNode problem(RequestBuilder request, int status) throws Exception {
        return assertProblem(mvc.perform(request).andReturn(), status);
    }

    /** The spec example, padded with white space to more than 5 MB: valid JSON, just too big. */
    static byte[] oversized() {
        byte[] campaign = payload(SPEC_EXAMPLE);
        ByteArrayOutputStream out = new ByteArrayOutputStream(OVER_THE_CAP);
        out.writeBytes(campaign);
        while (out.size() < OVER_THE_CAP) {
            out.write(' ');
        }
        return out.toByteArray();
    }

    // 400

    @Test
    void malformedJsonIs400SayingWhere() throws Exception {
        JsonNode p = problem(submission(payload("api/malformed.json")).with(NORTHWIND.basic()), 400);
        assertThat(p.path("detail").asText()).contains("not valid JSON").contains("line 4");
    }

    @Test
    void anEmptyBodyIs400() throws Exception {
        problem(submission(new byte[0]).with(NORTHWIND.basic()), 400);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"size=0", "size=201", "page=-1", "page=x", "verdict=MAYBE", "from=yesterday", "to=2026-13-01"})
    void badListParametersAre400(String query) throws Exception {
        problem(get("/api/v1/evaluations?" + query).with(OFFICER.basic()), 400);
    }

    @Test
    void anUploadThatIsNotJsonIs400() throws Exception {
        MockMultipartFile file =
                new MockMultipartFile("file", "campaign.txt", "text/plain", payload("api/campaign.txt"));
        problem(multipart("/api/v1/evaluations").file(file).with(NORTHWIND.basic()), 400);
    }

    // 401

    @Test
    void noCredentialsIs401WithABasicChallenge() throws Exception {
        MvcResult r = mvc.perform(get("/api/v1/evaluations")).andReturn();
        assertProblem(r, 401);
        assertThat(r.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
    }

    @Test
    void wrongCredentialsAre401() throws Exception {
        problem(get("/api/v1/evaluations").with(new User("northwind", "wrong").basic()), 401);
        problem(get("/api/v1/evaluations").with(new User("nobody", "northwind-demo").basic()), 401);
        problem(submission(payload(SPEC_EXAMPLE)).with(new User("northwind", "").basic()), 401);
    }

    // 403

    @Test
    void aRoleThatMayNotDoItIs403() throws Exception {
        problem(submission(payload(SPEC_EXAMPLE)).with(MANAGER.basic()), 403);
        problem(submission(payload(SPEC_EXAMPLE)).with(OFFICER.basic()), 403);
        problem(get("/api/v1/reports/portfolio.xlsx").with(NORTHWIND.basic()), 403);
        problem(get("/actuator/metrics").with(LUMEN.basic()), 403);
    }

    @Test
    void aCampaignInAnotherAgencysNameIs403AndNothingIsStored() throws Exception {
        String brand = unique("Impostor Brand");
        JsonNode p = problem(submission(payload(LUMEN_PASSING, "brand", brand)).with(NORTHWIND.basic()), 403);
        assertThat(p.path("detail").asText()).contains("Northwind Media").contains("Lumen Collective");
        assertThat(read("/api/v1/evaluations?brand=" + brand, OFFICER)
                        .path("total")
                        .asLong())
                .isZero();
    }

    // 404

    @Test
    void anUnknownIdIs404() throws Exception {
        String unknown = UUID.randomUUID().toString();
        problem(get("/api/v1/evaluations/" + unknown).with(OFFICER.basic()), 404);
        problem(
                get("/api/v1/evaluations/" + unknown)
                        .accept(MediaType.APPLICATION_JSON)
                        .with(MANAGER.basic()),
                404);
        problem(get("/api/v1/evaluations/" + unknown + "/report.xlsx").with(MANAGER.basic()), 404);
        problem(
                get("/api/v1/evaluations/" + unknown + "/report.xlsx")
                        .accept(MediaType.parseMediaType(XLSX))
                        .with(MANAGER.basic()),
                404);
        problem(post("/api/v1/evaluations/" + unknown + "/reevaluate").with(OFFICER.basic()), 404);
        problem(get("/api/v1/nowhere").with(OFFICER.basic()), 404);
    }

    @Test
    void anotherAgencysEvaluationIs404AsIfItDidNotExist() throws Exception {
        String id = submit(NORTHWIND, SPEC_EXAMPLE).path("id").asText();
        String unknown = UUID.randomUUID().toString();

        JsonNode hidden = problem(get("/api/v1/evaluations/" + id).with(LUMEN.basic()), 404);
        JsonNode missing = problem(get("/api/v1/evaluations/" + unknown).with(LUMEN.basic()), 404);
        problem(get("/api/v1/evaluations/" + id + "/report.xlsx").with(LUMEN.basic()), 404);

        assertThat(hidden.path("title")).isEqualTo(missing.path("title"));
        assertThat(hidden.path("detail").asText().replace(id, "?"))
                .isEqualTo(missing.path("detail").asText().replace(unknown, "?"));
    }

    // 405

    @Test
    void aMethodTheResourceDoesNotHaveIs405() throws Exception {
        MvcResult r =
                mvc.perform(delete("/api/v1/evaluations").with(OFFICER.basic())).andReturn();
        assertProblem(r, 405);
        assertThat(r.getResponse().getHeader(HttpHeaders.ALLOW)).contains("GET").contains("POST");
        problem(put("/api/v1/evaluations/" + UUID.randomUUID()).with(MANAGER.basic()), 405);
        problem(post("/api/v1/rules").with(NORTHWIND.basic()), 405);
    }

    // 413

    @Test
    void aBodyOverFiveMegabytesIs413() throws Exception {
        problem(submission(oversized()).with(NORTHWIND.basic()), 413);
    }

    @Test
    void anUploadOverFiveMegabytesIs413() throws Exception {
        MockMultipartFile file = new MockMultipartFile("file", "big.json", "application/json", oversized());
        problem(
                multipart("/api/v1/evaluations")
                        .file(file)
                        .content(oversized())
                        .contentType(MediaType.MULTIPART_FORM_DATA)
                        .with(NORTHWIND.basic()),
                413);
    }

    // 415

    @Test
    void aPlainTextBodyIs415() throws Exception {
        problem(
                post("/api/v1/evaluations")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content(payload("api/campaign.txt"))
                        .with(NORTHWIND.basic()),
                415);
        problem(
                post("/api/v1/evaluations")
                        .contentType(MediaType.TEXT_PLAIN)
                        .accept(MediaType.APPLICATION_JSON)
                        .content(payload(SPEC_EXAMPLE))
                        .with(NORTHWIND.basic()),
                415);
    }

    // Over the wire: what the servlet container and the filters refuse reads the same.

    HttpResponse<String> send(HttpRequest.Builder request, User user) throws Exception {
        if (user.password() != null) {
            String credentials = user.name() + ":" + user.password();
            request.header(
                    HttpHeaders.AUTHORIZATION,
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode assertProblem(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as("status of %s", r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue(HttpHeaders.CONTENT_TYPE))
                .as("content type of %s", r.body())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = mapper.readTree(r.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertNoInternals(r.body());
        return problem;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    static HttpRequest.BodyPublisher chunked(byte[] body) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
    }

    @Test
    void overTheWireEveryErrorIsAProblemToo() throws Exception {
        assertProblem(send(request("/api/v1/evaluations"), NONE), 401);
        assertProblem(send(request("/api/v1/evaluations"), new User("officer", "wrong")), 401);
        assertProblem(send(request("/api/v1/reports/portfolio.xlsx"), LUMEN), 403);
        assertProblem(send(request("/api/v1/nowhere"), OFFICER), 404);
        assertProblem(
                send(
                        request("/api/v1/evaluations/" + UUID.randomUUID() + "/report.xlsx")
                                .header(HttpHeaders.ACCEPT, XLSX),
                        OFFICER),
                404);
        assertProblem(send(request("/api/v1/evaluations").DELETE(), OFFICER), 405);
        assertProblem(
                send(
                        request("/api/v1/evaluations")
                                .header(HttpHeaders.CONTENT_TYPE, "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(payload("api/campaign.txt"))),
                        NORTHWIND),
                415);
        assertProblem(
                send(
                        request("/api/v1/evaluations")
                                .header(HttpHeaders.CONTENT_TYPE, "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(payload("api/malformed.json"))),
                        NORTHWIND),
                400);
    }

    @Test
    void overTheWireAUrlTheFirewallRefusesIsA400Problem() throws Exception {
        JsonNode p = assertProblem(send(request("/api/v1/evaluations;jsessionid=x"), OFFICER), 400);
        assertThat(p.path("detail").asText()).doesNotContain("jsessionid");
        assertProblem(send(request("/api/v1/evaluations/%2e%2e/rules"), OFFICER), 400);

        HttpResponse<String> page =
                send(request("/api/v1/evaluations;x=y").header(HttpHeaders.ACCEPT, "text/html"), NONE);
        assertThat(page.statusCode())
                .as("a browser gets the error page, no more")
                .isEqualTo(400);
        assertNoInternals(page.body());
    }

    @Test
    void overTheWireABodyOverFiveMegabytesWithoutADeclaredLengthIs413() throws Exception {
        assertProblem(
                send(
                        request("/api/v1/evaluations")
                                .header(HttpHeaders.CONTENT_TYPE, "application/json")
                                .POST(chunked(oversized())),
                        NORTHWIND),
                413);

        String boundary = "candor-" + UUID.randomUUID();
        ByteArrayOutputStream upload = new ByteArrayOutputStream();
        upload.writeBytes(("--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"file\"; filename=\"big.json\"\r\n"
                        + "Content-Type: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        upload.writeBytes(oversized());
        upload.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        assertProblem(
                send(
                        request("/api/v1/evaluations")
                                .header(HttpHeaders.CONTENT_TYPE, "multipart/form-data; boundary=" + boundary)
                                .POST(chunked(upload.toByteArray())),
                        NORTHWIND),
                413);
    }

    // 422

    @Test
    void anInvalidCampaignIs422ListingEveryPath() throws Exception {
        JsonNode p = problem(submission(payload("api/invalid-campaign.json")).with(NORTHWIND.basic()), 422);

        List<String> paths = new ArrayList<>();
        for (JsonNode problem : p.path("problems")) {
            paths.add(problem.path("path").asText());
            assertThat(problem.path("message").asText()).isNotBlank();
        }
        assertThat(paths)
                .containsExactly(
                        "$.influencers[0].audience.followers",
                        "$.influencers[0].audience.verifiedOn",
                        "$.posts[0].captionn",
                        "$.posts[0].influencer",
                        "$.productCategory");
    }
}
