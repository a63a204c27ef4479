package org.candor.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.candor.intake.SubmissionStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Who may open which page, signed in through the login form as each demo user: "login" is a
 * redirect to the sign-in page, "home" a redirect to the role's home page. Also the form login
 * itself, CSRF protection and the pages' security headers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageAccessTest extends WebTestSupport {

    static final String MATRIX = """
            | path                                      | none  | northwind | lumen  | officer | manager |
            |-------------------------------------------|-------|-----------|--------|---------|---------|
            | /                                         | login | home      | home   | home    | home    |
            | /login                                    | 200   | 200       | 200    | 200     | 200     |
            | /css/candor.css                           | 200   | 200       | 200    | 200     | 200     |
            | /agency                                   | login | 200       | 200    | 403     | 403     |
            | /agency/template.xlsx                     | login | 200       | 200    | 403     | 403     |
            | /evaluations/{northwind}                  | login | 200       | 404    | 200     | 200     |
            | /evaluations/{northwind}/report.xlsx      | login | 200       | 404    | 200     | 200     |
            | /evaluations/{unknown}                    | login | 404       | 404    | 404     | 404     |
            | /manager                                  | login | 403       | 403    | 200     | 200     |
            | /manager/portfolio.xlsx                   | login | 403       | 403    | 200     | 200     |
            | /manager?verdict=MAYBE                    | login | 403       | 403    | 400     | 400     |
            | /officer/rules                            | login | 403       | 403    | 200     | 403     |
            | /officer/rules/files/thresholds.table.csv   | login | 403       | 403    | 200     | 403     |
            | /officer/rules/files/nothing.drl          | login | 403       | 403    | 404     | 403     |
            | /officer/history                          | login | 403       | 403    | 200     | 403     |
            | /officer/waivers                          | login | 403       | 403    | 200     | 403     |
            | /somewhere-else                           | login | 403       | 403    | 403     | 403     |
            """;

    static final Map<String, String> PASSWORDS = Map.of(
            "northwind", "northwind-demo", "lumen", "lumen-demo", "officer", "officer-demo", "manager", "manager-demo");
    static final Map<String, String> HOMES =
            Map.of("northwind", "/agency", "lumen", "/agency", "officer", "/officer/rules", "manager", "/manager");

    @Autowired
    MockMvc mvc;

    @Autowired
    SubmissionStore store;

    private final Map<String, MockHttpSession> sessions = new HashMap<>();
    private final Map<String, String> ids = new HashMap<>();

    @BeforeAll
    void signInAndSubmit() throws Exception {
        for (String user : PASSWORDS.keySet()) {
            sessions.put(user, signIn(user, PASSWORDS.get(user)));
        }
        ids.put(
                "{northwind}",
                submitted("northwind", Files.readString(Path.of("examples/acme-night-serum-us-uk.json"))));
        ids.put("{unknown}", "00000000-0000-0000-0000-000000000000");
    }

    private MockHttpSession signIn(String user, String password) throws Exception {
        MvcResult r = mvc.perform(post("/login")
                        .param("username", user)
                        .param("password", password)
                        .with(csrf()))
                .andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(302);
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/");
        return (MockHttpSession) r.getRequest().getSession(false);
    }

    /** Submits pasted JSON as an agency user; answers the new evaluation's id. */
    private String submitted(String user, String json) throws Exception {
        MvcResult r = mvc.perform(post("/agency/submit")
                        .param("json", json)
                        .session(sessions.get(user))
                        .with(csrf()))
                .andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(302);
        String location = r.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/evaluations/");
        return location.substring("/evaluations/".length());
    }

    static Stream<Arguments> cases() {
        List<String> lines = MATRIX.lines().toList();
        List<String> users = cells(lines.get(0)).subList(1, 6);
        List<Arguments> cases = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
            List<String> cells = cells(line);
            for (int u = 0; u < users.size(); u++) {
                cases.add(Arguments.of(cells.get(0), users.get(u), cells.get(1 + u)));
            }
        }
        return cases.stream();
    }

    private static List<String> cells(String line) {
        return Stream.of(line.strip().split("\\|")).skip(1).map(String::strip).toList();
    }

    @ParameterizedTest(name = "{1} GET {0} -> {2}")
    @MethodSource("cases")
    void eachPageAnswersEachUserAsTheTableSays(String path, String user, String expected) throws Exception {
        String resolved = path;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            resolved = resolved.replace(id.getKey(), id.getValue());
        }
        MockHttpServletRequestBuilder request = get(resolved);
        if (!user.equals("none")) {
            request.session(sessions.get(user));
        }
        MvcResult r = mvc.perform(request).andReturn();
        int status = r.getResponse().getStatus();
        String location = r.getResponse().getRedirectedUrl();
        switch (expected) {
            case "login" -> {
                assertThat(status).isEqualTo(302);
                assertThat(location).endsWith("/login");
            }
            case "home" -> {
                assertThat(status).isEqualTo(302);
                assertThat(location).isEqualTo(HOMES.get(user));
            }
            default -> assertThat(status).isEqualTo(Integer.parseInt(expected));
        }
        if (status >= 400) {
            assertThat(r.getResponse().getContentAsString())
                    .doesNotContain("Exception")
                    .doesNotContain("at org.");
        }
    }

    @Test
    void aWrongPasswordSendsBackToTheLoginPageWithAnError() throws Exception {
        MvcResult r = mvc.perform(post("/login")
                        .param("username", "northwind")
                        .param("password", "not-the-password")
                        .with(csrf()))
                .andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(302);
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        String page = mvc.perform(get("/login").param("error", ""))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Wrong user name or password.");
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() throws Exception {
        MvcResult login = mvc.perform(
                        post("/login").param("username", "northwind").param("password", "northwind-demo"))
                .andReturn();
        assertThat(login.getResponse().getStatus()).isEqualTo(403);
        MvcResult submit = mvc.perform(
                        post("/agency/submit").param("json", "{}").session(sessions.get("northwind")))
                .andReturn();
        assertThat(submit.getResponse().getStatus()).isEqualTo(403);
        MvcResult expire = mvc.perform(post("/officer/waivers/x/expire").session(sessions.get("officer")))
                .andReturn();
        assertThat(expire.getResponse().getStatus()).isEqualTo(403);
    }

    /**
     * The re-evaluation button is not shown to agencies; one that posts the form anyway (its own
     * evaluation or another agency's) is refused with a page that says what an agency does
     * instead, and nothing is judged again.
     */
    @Test
    void onlyOfficersAndManagersReevaluateFromThePages() throws Exception {
        String id = ids.get("{northwind}");
        String submission = store.evaluation(id).orElseThrow().submissionId();
        long before = store.countEvaluations(submission);
        for (String agency : List.of("northwind", "lumen")) {
            MvcResult r = mvc.perform(post("/evaluations/" + id + "/reevaluate")
                            .session(sessions.get(agency))
                            .with(csrf()))
                    .andReturn();
            assertThat(r.getResponse().getStatus()).as(agency).isEqualTo(403);
            assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8))
                    .as(agency)
                    .contains("403", "Forbidden")
                    .contains("Only officers and managers re-evaluate a campaign: an agency submits the campaign again")
                    .doesNotContain("Your role may not open this page.");
        }
        assertThat(store.countEvaluations(submission))
                .as("nothing judged again")
                .isEqualTo(before);
        MvcResult agencyWithoutToken = mvc.perform(
                        post("/evaluations/" + id + "/reevaluate").session(sessions.get("northwind")))
                .andReturn();
        assertThat(agencyWithoutToken.getResponse().getStatus()).isEqualTo(403);
        assertThat(agencyWithoutToken.getResponse().getContentAsString()).doesNotContain("submits the campaign again");
        MvcResult unknown = mvc.perform(post("/evaluations/" + ids.get("{unknown}") + "/reevaluate")
                        .session(sessions.get("manager"))
                        .with(csrf()))
                .andReturn();
        assertThat(unknown.getResponse().getStatus()).isEqualTo(404);
        MvcResult manager = mvc.perform(post("/evaluations/" + id + "/reevaluate")
                        .session(sessions.get("manager"))
                        .with(csrf()))
                .andReturn();
        assertThat(manager.getResponse().getStatus()).isEqualTo(302);
        assertThat(manager.getResponse().getRedirectedUrl())
                .startsWith("/evaluations/")
                .isNotEqualTo("/evaluations/" + id);
    }

    @Test
    void pagesCarryTheSecurityHeaders() throws Exception {
        MvcResult r = mvc.perform(get("/login")).andReturn();
        assertThat(r.getResponse().getHeader("Content-Security-Policy"))
                .contains("default-src 'self'")
                .contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(r.getResponse().getHeader("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(r.getResponse().getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.getResponse().getContentAsString())
                .doesNotContain("<script>")
                .doesNotContain("onclick=");
    }

    @Test
    void anInvalidCampaignComesBackAsAListOfProblemsByJsonPath() throws Exception {
        String json = Files.readString(Path.of("src/test/resources/api/invalid-campaign.json"));
        MvcResult r = mvc.perform(post("/agency/submit")
                        .param("json", json)
                        .session(sessions.get("northwind"))
                        .with(csrf()))
                .andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(422);
        String page = r.getResponse().getContentAsString();
        assertThat(page)
                .contains("The campaign was rejected as a whole")
                .contains("$.productCategory")
                .doesNotContain("Exception");
    }

    @Test
    void aCampaignOfAnotherAgencyIsRefusedOnThePage() throws Exception {
        String json = Files.readString(Path.of("src/test/resources/api/lumen-pass.json"));
        MvcResult r = mvc.perform(post("/agency/submit")
                        .param("json", json)
                        .session(sessions.get("northwind"))
                        .with(csrf()))
                .andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(403);
        assertThat(r.getResponse().getContentAsString()).contains("this account submits for");
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        MockHttpSession session = signIn("manager", "manager-demo");
        MvcResult out =
                mvc.perform(post("/logout").session(session).with(csrf())).andReturn();
        assertThat(out.getResponse().getRedirectedUrl()).isEqualTo("/login?logout");
        MvcResult after = mvc.perform(get("/manager").session(session)).andReturn();
        assertThat(after.getResponse().getStatus()).isEqualTo(302);
    }
}
