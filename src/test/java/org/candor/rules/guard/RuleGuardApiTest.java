package org.candor.rules.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.candor.rules.RuleService;
import org.candor.support.H2;
import org.candor.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The payloads an officer's account could send, through the API on the whole service: validate
 * and the rule tests answer the refusal with its file, line and construct, nothing runs (the
 * marker file never appears), and the rules in force stay as they were.
 */
@ServiceTest
@DirtiesContext
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a safety net: without the check, the loop never ends
class RuleGuardApiTest {

    private static final Path PAYLOADS = Path.of("src/test/resources/guard");

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        H2.register(registry);
        registry.add("candor.rules-watch.enabled", () -> "false");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    RuleService rules;

    private String payload(String name, Path marker) throws Exception {
        return Files.readString(PAYLOADS.resolve(name)).replace("@MARKER@", marker.toString());
    }

    private MvcResult send(String endpoint, String name, String content) throws Exception {
        byte[] body = mapper.writeValueAsBytes(Map.of("files", Map.of(name, content)));
        return mvc.perform(post(endpoint)
                        .with(httpBasic("officer", "officer-demo"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn();
    }

    @ParameterizedTest
    @CsvSource({
        "process-builder.drl, java.lang.ProcessBuilder",
        "system-exit.drl, java.lang.System",
        "mvel-consequence.drl, dialect mvel",
        "reflection-function.drl, forName",
        "metadata.drl, @title",
        "cross-product.drl, $b : PostFact (line 11)",
    })
    void validateRefusesThePayloadAndRunsNothing(String payload, String construct) throws Exception {
        Path marker = root.resolve("validate-" + payload + ".marker");
        String hash = rules.current().hash();

        MvcResult r = send("/api/v1/rules/validate", "extra.drl", payload(payload, marker));

        String body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getResponse().getStatus()).as(body).isEqualTo(200);
        JsonNode v = mapper.readTree(body);
        assertThat(v.path("ok").asBoolean()).isFalse();
        assertThat(v.path("errors")).anySatisfy(e -> {
            assertThat(e.path("file").asText()).isEqualTo("extra.drl");
            assertThat(e.path("line").asInt()).isPositive();
            assertThat(e.path("message").asText()).contains(construct).contains("refused");
        });
        assertThat(marker).doesNotExist();
        assertThat(rules.current().hash()).isEqualTo(hash);
    }

    @ParameterizedTest
    @CsvSource({
        "api/update-loop.drl, update(...)",
        "reflection-function.drl, forName",
        "process-builder.drl, java.lang.ProcessBuilder",
    })
    void ruleTestsRefuseThePayloadAndRunNothing(String payload, String construct) throws Exception {
        Path marker = root.resolve("test-" + payload.replace('/', '-') + ".marker");

        MvcResult r = send("/api/v1/rules/test", "extra.drl", payload(payload, marker));

        String body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getResponse().getStatus()).as(body).isEqualTo(422);
        JsonNode p = mapper.readTree(body);
        assertThat(p.path("errors")).anySatisfy(e -> {
            assertThat(e.path("file").asText()).isEqualTo("extra.drl");
            assertThat(e.path("line").asInt()).isPositive();
            assertThat(e.path("message").asText()).contains(construct).contains("refused");
        });
        assertThat(marker).doesNotExist();
    }

    @Test
    void theDefaultPackStillValidates() throws Exception {
        String drl = Files.readString(rules.rulesDir().resolve("disclosure.drl"));

        MvcResult r = send("/api/v1/rules/validate", "disclosure.drl", drl);

        JsonNode v = mapper.readTree(r.getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(v.path("ok").asBoolean()).as(v.toString()).isTrue();
    }
}
