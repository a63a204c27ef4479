package org.candor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** {@code candor.max-posts}: a campaign with more posts than the cap is refused with 422. */
@TestPropertySource(properties = "candor.max-posts=2")
class MaxPostsTest extends ApiTestSupport {

    @Test
    void aCampaignWithMorePostsThanTheCapIs422() throws Exception {
        JsonNode p = assertProblem(
                mvc.perform(submission(payload("api/three-posts.json")).with(NORTHWIND.basic()))
                        .andReturn(),
                422);

        assertThat(p.path("problems")).singleElement().satisfies(problem -> {
            assertThat(problem.path("path").asText()).isEqualTo("$.posts");
            assertThat(problem.path("message").asText()).contains("3").contains("2");
        });
    }

    @Test
    void aCampaignWithinTheCapIsAccepted() throws Exception {
        assertThat(submit(NORTHWIND, PASSING).path("verdict").asText()).isEqualTo("PASS");
    }
}
