package org.candor.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.cluster.Instances.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.candor.support.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Two instances of the service on one PostgreSQL database, as behind a load balancer: rule sets
 * live in the database. Instance A does not listen for notifications and asks the database every
 * second; instance B listens and asks only every ten minutes, so within the waits below B can only
 * learn of a change by its notification, and A only by polling. Each has a rules folder of its
 * own; the database (created for the test, dropped after) is all they share.
 */
@Postgres
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuleClusterIT {

    private static final String DATABASE =
            "candor_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final String ADMIN_URL = "jdbc:postgresql://" + Postgres.Db.HOST + "/postgres";
    private static final String URL = "jdbc:postgresql://" + Postgres.Db.HOST + "/" + DATABASE;
    /** Longer than any wait of this test: B's polling never explains what B sees. */
    private static final Duration B_POLL = Duration.ofMinutes(10);
    /** The bound on how long an instance may take to learn of a change and build it. */
    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    static Path root;

    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        sql(ADMIN_URL, "CREATE DATABASE " + DATABASE);
        Path packA = copyPack(root.resolve("a"));
        Path packB = copyPack(root.resolve("b"));
        // B's folder holds other rules: a later instance takes the database's, whatever its folder holds.
        Path thresholdsB = packB.resolve("thresholds.table.csv");
        Files.writeString(thresholdsB, withOverclaim(Files.readString(thresholdsB), "77"));
        a = start("a", packA, false, Duration.ofSeconds(1));
        b = start("b", packB, true, B_POLL);
    }

    @AfterAll
    static void stopAndDrop() throws SQLException {
        for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[] {a, b}) {
            if (c != null) {
                c.close();
            }
        }
        sql(ADMIN_URL, "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    private static ConfigurableApplicationContext start(String name, Path rules, boolean listen, Duration poll) {
        return Instances.start(
                name,
                URL,
                rules,
                Map.of(
                        "candor.rules-store.listen",
                        Boolean.toString(listen),
                        "candor.rules-store.poll-interval",
                        poll.toMillis() + "ms"));
    }

    private static Path copyPack(Path dir) throws IOException {
        Path target = dir.resolve("rules");
        FileSystemUtils.copyRecursively(Path.of("rules"), target);
        return target;
    }

    private static String withOverclaim(String table, String value) {
        String changed = table.replaceFirst(
                "\"AUDIENCE_OVERCLAIM_PCT\",\"\\d+\"", "\"AUDIENCE_OVERCLAIM_PCT\",\"" + value + "\"");
        assertThat(changed).isNotEqualTo(table);
        return changed;
    }

    @Test
    @Order(1)
    void theFirstInstanceImportsItsFolderAndTheSecondTakesTheDatabases() throws Exception {
        String hashA = ruleSetHash(a);
        assertThat(ruleSetHash(b)).isEqualTo(hashA);
        assertThat(inForce()).isEqualTo(hashA);
        assertThat(overclaimMessage(b)).contains("limit 10%");
        JsonNode history = get(a, "/api/v1/rules/history").path("items");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).path("action").asText()).isEqualTo("STARTUP");
    }

    @Test
    @Order(2)
    void aChangeThroughOneInstanceIsJudgedWithOnTheOtherByNotification() throws Exception {
        String before = ruleSetHash(b);
        String after = changeOverclaim(a, "11");
        assertThat(after).isNotEqualTo(before);
        assertThat(ruleSetHash(a)).isEqualTo(after);
        assertThat(inForce()).isEqualTo(after);

        await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(() -> ruleSetHash(b)
                .equals(after));
        JsonNode evaluation = submit(b);
        assertThat(evaluation.path("ruleSetHash").asText()).isEqualTo(after);
        assertThat(overclaim(evaluation)).contains("limit 11%");
    }

    @Test
    @Order(3)
    void anInstanceThatDoesNotListenLearnsOfAChangeByPolling() throws Exception {
        String after = changeOverclaim(b, "12");
        assertThat(ruleSetHash(b)).isEqualTo(after);

        await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(() -> ruleSetHash(a)
                .equals(after));
        JsonNode evaluation = submit(a);
        assertThat(evaluation.path("ruleSetHash").asText()).isEqualTo(after);
        assertThat(overclaim(evaluation)).contains("limit 12%");
    }

    @Test
    @Order(4)
    void eachChangeIsRecordedOnceWhicheverInstancesPutItInForce() throws Exception {
        JsonNode fromA = get(a, "/api/v1/rules/history").path("items");
        JsonNode fromB = get(b, "/api/v1/rules/history").path("items");
        assertThat(fromA).isEqualTo(fromB);
        List<String> actions = new ArrayList<>();
        fromA.forEach(c ->
                actions.add(c.path("action").asText() + " " + c.path("outcome").asText()));
        assertThat(actions).containsExactly("PUT APPLIED", "PUT APPLIED", "STARTUP APPLIED");
    }

    @Test
    @Order(5)
    void aChangeMadeOnAVersionAnotherInstanceReplacedIsRefused() throws Exception {
        // A's copy of the file is the one B put in force; a change made on the one before is stale.
        String stale = etag(a, "thresholds.table.csv");
        changeOverclaim(b, "13");
        await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(() -> ruleSetHash(a)
                .equals(inForce()));
        HttpResponse<String> refused = put(a, "thresholds.table.csv", stale, "14");
        assertThat(refused.statusCode()).isEqualTo(412);
        assertThat(overclaimMessage(a)).contains("limit 13%");
    }

    @Test
    @Order(6)
    void anInstanceWhoseListeningConnectionIsCutOpensItAgain() throws Exception {
        int cut = countRows(
                URL,
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'candor rules listener'"
                        + " AND datname = current_database()");
        assertThat(cut).as("listening connections cut (B's only)").isEqualTo(1);
        String after = changeOverclaim(a, "15");
        await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(() -> ruleSetHash(b)
                .equals(after));
        await().atMost(BOUND)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> countRows(
                                URL,
                                "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = 'candor rules"
                                        + " listener' AND datname = current_database()")
                        == 1);
        String next = changeOverclaim(a, "16");
        await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(() -> ruleSetHash(b)
                .equals(next));
    }

    @Test
    @Order(7)
    void aRuleSetThatTheGuardRefusesIsNotPutInForce() throws Exception {
        String inForce = ruleSetHash(b);
        // Someone with access to the database names a rule set whose rule would run a process.
        String bad = "f".repeat(64);
        try (Connection c = DriverManager.getConnection(URL, Postgres.Db.USER, "");
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO rule_snapshot (hash, created_at, rule_count, file_count) VALUES ('" + bad
                    + "', now(), 1, 1)");
            s.execute(
                    "INSERT INTO rule_snapshot_file (hash, path, content) SELECT '" + bad
                            + "', 'evil.drl', convert_to('package p; rule \"x\" when then new java.lang.ProcessBuilder(\"id\").start(); end', 'UTF8')");
            s.execute("UPDATE rule_set_in_force SET hash = '" + bad + "', version = version + 1 WHERE id = 1");
            s.execute("SELECT pg_notify('candor_rules', '" + bad + "')");
        }
        await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(() -> get(b, "/actuator/health/rules")
                .path("details")
                .path("database")
                .path("notBuilding")
                .asText()
                .equals(bad));
        JsonNode health = get(b, "/actuator/health/rules").path("details");
        assertThat(health.path("hash").asText()).isEqualTo(inForce);
        assertThat(health.path("lastErrors").toString()).contains("evil.drl").contains("ProcessBuilder");
        assertThat(submit(b).path("ruleSetHash").asText()).isEqualTo(inForce);
    }

    // --- helpers ---

    private static String changeOverclaim(ConfigurableApplicationContext instance, String value) throws Exception {
        HttpResponse<String> r = put(instance, "thresholds.table.csv", etag(instance, "thresholds.table.csv"), value);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("hashAfter").asText();
    }

    private static HttpResponse<String> put(
            ConfigurableApplicationContext instance, String file, String etag, String overclaim) throws Exception {
        String table = text(instance, "/api/v1/rules/files/" + file);
        HttpRequest put = request(instance, "/api/v1/rules/files/" + file)
                .header("If-Match", etag)
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(withOverclaim(table, overclaim)))
                .build();
        return HTTP.send(put, HttpResponse.BodyHandlers.ofString());
    }

    private static String etag(ConfigurableApplicationContext instance, String file) throws Exception {
        HttpResponse<String> r = HTTP.send(
                request(instance, "/api/v1/rules/files/" + file).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.headers().firstValue("ETag").orElseThrow();
    }

    private static JsonNode submit(ConfigurableApplicationContext instance) throws Exception {
        byte[] campaign = Files.readAllBytes(Path.of("src/test/resources/campaigns/spec-example.json"));
        HttpRequest post = HttpRequest.newBuilder(uri(instance, "/api/v1/evaluations"))
                .header("Authorization", basic("northwind", "northwind-demo"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(campaign))
                .build();
        HttpResponse<String> r = HTTP.send(post, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    private static String overclaimMessage(ConfigurableApplicationContext instance) throws Exception {
        return overclaim(submit(instance));
    }

    private static String overclaim(JsonNode evaluation) {
        List<String> messages = new ArrayList<>();
        evaluation.path("findings").forEach(f -> {
            if (f.path("ruleId").asText().equals("CLAIM-001")) {
                messages.add(f.path("message").asText());
            }
        });
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private static String ruleSetHash(ConfigurableApplicationContext instance) throws Exception {
        return get(instance, "/api/v1/rules").path("ruleSetHash").asText();
    }

    private static String inForce() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, Postgres.Db.USER, "");
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT hash FROM rule_set_in_force WHERE id = 1")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
