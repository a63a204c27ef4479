package org.candor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.candor.support.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The service with the demo users on an in-memory database. Every API test class extends this
 * one and declares nothing of its own, so they all share one Spring context; each test makes its
 * own evaluations (a unique brand or reference keeps its counts apart from the others').
 */
@ServiceTest
abstract class ApiTestSupport {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** The spec's example: Northwind Media, verdict FAIL. */
    static final String SPEC_EXAMPLE = "campaigns/spec-example.json";
    /** A clean campaign of Northwind Media, verdict PASS. */
    static final String PASSING = "cli/passing.json";
    /** A clean campaign of Lumen Collective, verdict PASS. */
    static final String LUMEN_PASSING = "api/lumen-pass.json";

    /** A demo user of the default profile; {@link #NONE} sends no credentials. */
    record User(String name, String password) {
        RequestPostProcessor basic() {
            return request ->
                    password == null ? request : httpBasic(name, password).postProcessRequest(request);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final User NONE = new User("none", null);
    static final User NORTHWIND = new User("northwind", "northwind-demo");
    static final User LUMEN = new User("lumen", "lumen-demo");
    static final User OFFICER = new User("officer", "officer-demo");
    static final User MANAGER = new User("manager", "manager-demo");

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    /** A test payload from {@code src/test/resources}. */
    static byte[] payload(String resource) {
        try {
            return new ClassPathResource(resource).getContentAsByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A payload with some top-level fields changed, e.g. a brand of its own for one test. */
    byte[] payload(String resource, String... fieldsAndValues) throws IOException {
        ObjectNode campaign = (ObjectNode) mapper.readTree(payload(resource));
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            campaign.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return mapper.writeValueAsBytes(campaign);
    }

    static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    static MockHttpServletRequestBuilder submission(byte[] body) {
        return post("/api/v1/evaluations")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
    }

    /** Submits a campaign as the user, expects 201, and answers the evaluation. */
    JsonNode submit(User user, byte[] body) throws Exception {
        MvcResult r = mvc.perform(submission(body).with(user.basic())).andReturn();
        assertThat(r.getResponse().getStatus())
                .as("submit as %s: %s", user, r.getResponse().getContentAsString())
                .isEqualTo(201);
        return json(r);
    }

    JsonNode submit(User user, String resource) throws Exception {
        return submit(user, payload(resource));
    }

    /** GETs JSON as the user, expects 200, and answers the body. */
    JsonNode read(String uri, User user) throws Exception {
        MvcResult r = mvc.perform(get(uri).with(user.basic())).andReturn();
        assertThat(r.getResponse().getStatus())
                .as("GET %s as %s: %s", uri, user, r.getResponse().getContentAsString())
                .isEqualTo(200);
        return json(r);
    }

    JsonNode json(MvcResult r) throws IOException {
        return mapper.readTree(r.getResponse().getContentAsByteArray());
    }

    /**
     * An RFC 9457 problem with this status, a title and a detail, and nothing of the inside of the
     * service: no exception names, no stack frames.
     */
    JsonNode assertProblem(MvcResult r, int status) throws IOException {
        String body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getResponse().getStatus()).as("status of %s", body).isEqualTo(status);
        assertThat(r.getResponse().getContentType())
                .as("content type of %s", body)
                .startsWith("application/problem+json");
        JsonNode problem = mapper.readTree(body);
        assertThat(problem.path("status").asInt()).as("status in %s", body).isEqualTo(status);
        assertThat(problem.path("title").asText()).as("title in %s", body).isNotBlank();
        assertThat(problem.path("detail").asText()).as("detail in %s", body).isNotBlank();
        assertNoInternals(body);
        return problem;
    }

    static void assertNoInternals(String body) {
        assertThat(body)
                .doesNotContain("Exception")
                .doesNotContain("at org.")
                .doesNotContain("at java.")
                .doesNotContainPattern("\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)")
                .doesNotContain("trace");
    }
}
