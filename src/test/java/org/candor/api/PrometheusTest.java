package org.candor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Metrics in the Prometheus text format for a scraper signed in as an officer or a manager, on the
 * shared service ({@link org.candor.support.ServiceTest} turns the metric exporters on).
 */
class PrometheusTest extends ApiTestSupport {

    @Test
    void prometheusMetricsAreServedToOfficersAndManagersOnly() throws Exception {
        MvcResult officer =
                mvc.perform(get("/actuator/prometheus").with(OFFICER.basic())).andReturn();
        assertThat(officer.getResponse().getStatus()).isEqualTo(200);
        assertThat(officer.getResponse().getContentType()).startsWith("text/plain");
        assertThat(officer.getResponse().getContentAsString())
                .contains("# TYPE jvm_memory_used_bytes gauge")
                .contains("application=\"candor\"");
        assertThat(mvc.perform(get("/actuator/prometheus"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(401);
        assertThat(mvc.perform(get("/actuator/prometheus").with(NORTHWIND.basic()))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    /**
     * Requests are timed as a whole ({@code http.server.requests}), not each of the security
     * filters, sign-in and access decision on its way: those observations cost a request more
     * processor time than any other part of the web layer, and nothing reads them.
     */
    @Test
    void requestsAreTimedButNotEachSecurityFilter() throws Exception {
        assertThat(mvc.perform(get("/api/v1/evaluations").with(NORTHWIND.basic()))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        String metrics = mvc.perform(get("/actuator/prometheus").with(OFFICER.basic()))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(metrics)
                .contains("http_server_requests_seconds_count")
                .doesNotContain("spring_security_filterchains")
                .doesNotContain("spring_security_authentications")
                .doesNotContain("spring_security_authorizations");
    }
}
