package org.candor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.web.ServerProperties;

/** What the service does out of the box: loopback only, a careful session cookie, health details kept in. */
class SafeDefaultsTest extends ApiTestSupport {

    @Autowired
    ServerProperties server;

    @Test
    void theServiceListensOnLoopbackOnlyUnlessConfigured() {
        InetAddress address = server.getAddress();
        assertThat(address).isNotNull();
        assertThat(address.isLoopbackAddress()).isTrue();
    }

    @Test
    void theSessionCookieIsSecureHttpOnlyAndSameSite() throws Exception {
        HttpResponse<String> login = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        List<String> cookies = login.headers().allValues("Set-Cookie");
        assertThat(cookies).anySatisfy(c -> assertThat(c)
                .startsWith("JSESSIONID=")
                .containsIgnoringCase("; Secure")
                .containsIgnoringCase("; HttpOnly")
                .containsIgnoringCase("; SameSite=Lax"));
    }

    @Test
    void healthDetailsAreForOfficersAndManagersOnly() throws Exception {
        for (User user : List.of(NONE, NORTHWIND, LUMEN)) {
            JsonNode health = read("/actuator/health", user);
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.toString())
                    .as("what %s sees", user)
                    .doesNotContain("details")
                    .doesNotContain("free")
                    .doesNotContain("path");
        }
        for (User user : List.of(OFFICER, MANAGER)) {
            JsonNode disk = read("/actuator/health", user).path("components").path("diskSpace");
            assertThat(disk.path("details").path("free").isNumber())
                    .as("what %s sees", user)
                    .isTrue();
        }
    }
}
