package org.candor.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.candor.CandorApplication;
import org.candor.support.Postgres;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the cluster tests ask of the instances they start (over HTTP, as the demo officer) and of
 * the PostgreSQL database they share (as the test server's user).
 */
final class Instances {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private Instances() {}

    /**
     * Starts an instance of the service on the {@code postgres} and {@code demo} profiles, on the
     * database at {@code url}, with its own rules folder, a free port, no report copies, and the
     * given settings (as command-line arguments, over the profiles' settings).
     */
    static ConfigurableApplicationContext start(String name, String url, Path rules, Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("spring.datasource.url", url);
        all.put("spring.datasource.username", Postgres.Db.USER);
        all.put("spring.datasource.password", "");
        all.put("server.port", "0");
        all.put("candor.rules-dir", rules.toString());
        all.put("candor.reports-dir", rules.getParent().resolve("reports").toString());
        all.put("candor.reports-copy", "false");
        all.put("spring.application.name", "candor-" + name);
        all.putAll(settings);
        return new SpringApplicationBuilder(CandorApplication.class)
                .profiles("postgres", "demo")
                .run(all.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }

    /** GET of {@code path} on an instance, which must answer 200; its body as JSON. */
    static JsonNode get(ConfigurableApplicationContext instance, String path) throws Exception {
        return JSON.readTree(text(instance, path));
    }

    /** GET of {@code path} on an instance, which must answer 200; its body. */
    static String text(ConfigurableApplicationContext instance, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(request(instance, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    /** A request to an instance, signed in as the demo officer. */
    static HttpRequest.Builder request(ConfigurableApplicationContext instance, String path) {
        return HttpRequest.newBuilder(uri(instance, path)).header("Authorization", basic("officer", "officer-demo"));
    }

    static URI uri(ConfigurableApplicationContext instance, String path) {
        int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Runs one statement on the database at {@code url}. */
    static void sql(String url, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, Postgres.Db.USER, "");
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** The count a {@code SELECT COUNT...} gives, or the number of rows any other query gives. */
    static int countRows(String url, String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, Postgres.Db.USER, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            int n = 0;
            while (rs.next()) {
                n += query.startsWith("SELECT COUNT") ? rs.getInt(1) : 1;
            }
            return n;
        }
    }
}
