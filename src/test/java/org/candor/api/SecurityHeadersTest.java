package org.candor.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every API answer, over the wire, success or refusal, tells the browser not to guess its type,
 * not to frame it and not to keep it: the answers carry campaigns and findings of one agency.
 */
class SecurityHeadersTest extends ApiTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ParameterizedTest(name = "{0} {1} as {2} -> {3}")
    @CsvSource({
        "GET, /api/v1/evaluations, northwind, 200",
        "GET, /api/v1/rules, lumen, 200",
        "GET, /api/v1/templates/campaign.xlsx, manager, 200",
        "GET, /api/v1/evaluations, none, 401",
        "GET, /api/v1/evaluations, wrong, 401",
        "GET, /api/v1/reports/portfolio.xlsx, northwind, 403",
        "GET, /api/v1/evaluations/{unknown}, officer, 404",
        "DELETE, /api/v1/evaluations, officer, 405",
        "POST, /api/v1/evaluations, northwind, 400",
        "GET, /actuator/health, none, 200"
    })
    void everyAnswerCarriesTheSecurityHeaders(String method, String path, String user, int status) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + path.replace("{unknown}", UUID.randomUUID().toString())))
                .method(
                        method,
                        method.equals("POST")
                                ? HttpRequest.BodyPublishers.ofString("{not json")
                                : HttpRequest.BodyPublishers.noBody())
                .header("Content-Type", "application/json");
        String password =
                switch (user) {
                    case "none" -> null;
                    case "wrong" -> "not-the-password";
                    default -> user + "-demo";
                };
        if (password != null) {
            String name = user.equals("wrong") ? "manager" : user;
            r.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(response.headers().firstValue("Set-Cookie"))
                .as("the API is stateless: no session cookie")
                .isEmpty();
    }
}
