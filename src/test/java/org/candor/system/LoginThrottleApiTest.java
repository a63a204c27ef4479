package org.candor.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.candor.support.H2;
import org.candor.support.MutableClock;
import org.candor.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Throttled sign-ins on the whole service: failures reported by Spring Security's own events,
 * the 429 answered before the password is checked. Its limits are set here, apart from the
 * defaults, and its clock is moved by hand.
 */
@ServiceTest
@DirtiesContext
class LoginThrottleApiTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        H2.register(registry);
        registry.add("candor.login.max-failures", () -> "3");
        registry.add("candor.login.max-failures-per-address", () -> "1000");
        registry.add("candor.login.lockout", () -> "PT10M");
    }

    @TestConfiguration
    static class Time {
        @Bean
        MutableClock clock() {
            return new MutableClock(Instant.parse("2026-10-01T09:00:00Z"));
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    Clock clock;

    private MvcResult list(RequestPostProcessor user, String address) throws Exception {
        return mvc.perform(get("/api/v1/evaluations").with(user).with(r -> {
                    r.setRemoteAddr(address);
                    return r;
                }))
                .andReturn();
    }

    @Test
    void afterTheMaximumOfFailuresEvenTheRightPasswordGets429UntilTheLockoutHasPassed() throws Exception {
        String address = "192.0.2.10";
        for (int i = 0; i < 3; i++) {
            assertThat(list(httpBasic("lumen", "guess-" + i), address)
                            .getResponse()
                            .getStatus())
                    .isEqualTo(401);
        }

        MvcResult locked = list(httpBasic("lumen", "lumen-demo"), address);
        assertThat(locked.getResponse().getStatus()).isEqualTo(429);
        assertThat(locked.getResponse().getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("600");
        assertThat(locked.getResponse().getContentType()).startsWith("application/problem+json");
        String body = locked.getResponse().getContentAsString();
        JsonNode problem = mapper.readTree(body);
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("detail").asText()).contains("10 minutes");
        assertThat(body).doesNotContain("lumen-demo").doesNotContain("guess-").doesNotContain("Exception");

        assertThat(list(httpBasic("northwind", "northwind-demo"), address)
                        .getResponse()
                        .getStatus())
                .as("another user from the same address")
                .isEqualTo(200);
        assertThat(list(httpBasic("lumen", "lumen-demo"), "192.0.2.11")
                        .getResponse()
                        .getStatus())
                .as("the same user from another address")
                .isEqualTo(200);

        ((MutableClock) clock).advance(Duration.ofMinutes(9));
        assertThat(list(httpBasic("lumen", "lumen-demo"), address).getResponse().getStatus())
                .isEqualTo(429);
        assertThat(list(httpBasic("lumen", "lumen-demo"), address).getResponse().getHeader(HttpHeaders.RETRY_AFTER))
                .isEqualTo("60");
        ((MutableClock) clock).advance(Duration.ofMinutes(1));
        assertThat(list(httpBasic("lumen", "lumen-demo"), address).getResponse().getStatus())
                .isEqualTo(200);
    }

    @Test
    void aSuccessfulSignInClearsTheFailures() throws Exception {
        String address = "192.0.2.20";
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 2; i++) {
                assertThat(list(httpBasic("manager", "nope"), address)
                                .getResponse()
                                .getStatus())
                        .isEqualTo(401);
            }
            assertThat(list(httpBasic("manager", "manager-demo"), address)
                            .getResponse()
                            .getStatus())
                    .isEqualTo(200);
        }
    }

    @Test
    void unknownNamesAreCountedLikeKnownOnes() throws Exception {
        String address = "192.0.2.30";
        for (int i = 0; i < 3; i++) {
            assertThat(list(httpBasic("nobody", "x"), address).getResponse().getStatus())
                    .isEqualTo(401);
        }
        assertThat(list(httpBasic("nobody", "x"), address).getResponse().getStatus())
                .isEqualTo(429);
    }

    private MvcResult signIn(String username, String password, String address) throws Exception {
        return mvc.perform(post("/login")
                        .param("username", username)
                        .param("password", password)
                        .with(csrf())
                        .with(r -> {
                            r.setRemoteAddr(address);
                            return r;
                        }))
                .andReturn();
    }

    @Test
    void theSignInFormIsThrottledTooAndSaysSoOnTheLoginPage() throws Exception {
        String address = "192.0.2.40";
        for (int i = 0; i < 3; i++) {
            assertThat(signIn("officer", "guess-" + i, address).getResponse().getRedirectedUrl())
                    .isEqualTo("/login?error");
        }
        MvcResult locked = signIn("officer", "officer-demo", address);
        assertThat(locked.getResponse().getStatus()).isEqualTo(303);
        assertThat(locked.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/login?locked");
        assertThat(locked.getResponse().getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("600");
        assertThat(locked.getRequest().getSession(false) == null
                        || locked.getRequest().getSession(false).getAttribute("SPRING_SECURITY_CONTEXT") == null)
                .as("not signed in")
                .isTrue();

        String page = mvc.perform(get("/login").param("locked", ""))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Too many failed sign-ins");

        assertThat(signIn("officer", "officer-demo", "192.0.2.41").getResponse().getRedirectedUrl())
                .as("the same user from another address")
                .isEqualTo("/");
        ((MutableClock) clock).advance(Duration.ofMinutes(10));
        assertThat(signIn("officer", "officer-demo", address).getResponse().getRedirectedUrl())
                .isEqualTo("/");
    }
}
