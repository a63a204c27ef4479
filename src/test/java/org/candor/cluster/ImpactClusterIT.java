package org.candor.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.cluster.Instances.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.candor.evaluation.Verdict;
import org.candor.impact.ImpactJobListener;
import org.candor.impact.ImpactWorkers;
import org.candor.intake.SubmissionStore;
import org.candor.rules.RuleService;
import org.candor.support.Portfolio;
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
 * An impact preview over the stored portfolio worked by two instances of the service on one
 * PostgreSQL database (two Spring contexts in this JVM, each with its own web server, pool and
 * worker; the database, created for the test and dropped after, is all they share). Instance A
 * runs alone first, then B joins and the same change is previewed again, asked on A: both
 * instances claim and finish jobs, both show its progress, and it finds what A found alone.
 *
 * <p>Neither instance polls for jobs within the test (every 10 minutes): A's worker is woken by
 * the preview asked on A, B's only by PostgreSQL's notification of queued jobs. The number of
 * campaigns is {@code candor.impact.cluster.campaigns}: 200 in {@code ./mvnw verify}, 10,000
 * under {@code -Pbench}, whose figures go to {@code target/impact-cluster-throughput.txt}
 * (BENCHMARKS.md).
 */
@Postgres
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImpactClusterIT {

    private static final String DATABASE =
            "candor_impact_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final String ADMIN_URL = "jdbc:postgresql://" + Postgres.Db.HOST + "/postgres";
    private static final String URL = "jdbc:postgresql://" + Postgres.Db.HOST + "/" + DATABASE;
    /** Longer than the test: no worker finds a job by polling. */
    private static final Duration POLL = Duration.ofMinutes(10);

    private static final int CAMPAIGNS = Integer.getInteger("candor.impact.cluster.campaigns", 200);
    private static final Duration DONE_WITHIN = Duration.ofMinutes(Math.max(5, CAMPAIGNS / 20));
    private static final String BRAND = "Cluster Portfolio";
    /** A few campaigns of their own, previewed first so that the timed runs do not include the first build. */
    private static final String WARM_UP = "Cluster Warm-up";
    /** How many: a tenth of the portfolio, so that the JIT has compiled the judging before the first timed run. */
    private static final int WARM_UP_CAMPAIGNS = Math.max(6, CAMPAIGNS / 10);

    @TempDir
    static Path root;

    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    /** How many campaigns the candidate flips each way. */
    static int toFail;

    static int toPass;

    /** What A found alone: each changed campaign, as compared across runs. */
    static Map<String, String> alone;

    static final StringBuilder figures = new StringBuilder();

    @BeforeAll
    static void startOneInstanceAndStoreThePortfolio() throws Exception {
        sql(ADMIN_URL, "CREATE DATABASE " + DATABASE);
        a = start("a", false);
        seed(a, WARM_UP, WARM_UP_CAMPAIGNS);
        toFail = 0;
        toPass = 0;
        seed(a, BRAND, CAMPAIGNS);
        figures.append(String.format(
                Locale.ROOT,
                "impact preview, %d campaigns, two Spring contexts in one JVM on one PostgreSQL; load average before: %s%n",
                CAMPAIGNS,
                loadAverage()));
    }

    @AfterAll
    static void stopAndDrop() throws Exception {
        for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[] {a, b}) {
            if (c != null) {
                c.close();
            }
        }
        sql(ADMIN_URL, "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        if (!figures.isEmpty()) {
            Path out = Path.of(System.getProperty("candor.test.out", "target"), "impact-cluster-throughput.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, figures, StandardCharsets.UTF_8);
            System.out.print(figures);
        }
    }

    private static ConfigurableApplicationContext start(String name, boolean listen) throws IOException {
        Path rules = root.resolve(name).resolve("rules");
        FileSystemUtils.copyRecursively(Path.of("rules"), rules);
        return Instances.start(
                name,
                URL,
                rules,
                Map.of(
                        "candor.impact.workers",
                        "1",
                        "candor.impact.job-size",
                        "10",
                        "candor.impact.poll",
                        POLL.toMillis() + "ms",
                        "candor.impact.listen",
                        Boolean.toString(listen)));
    }

    /**
     * Stores the portfolio through A, each campaign with its evaluation on the rules in force, as
     * submissions leave them: a third with 4% suspected fake followers (the candidate fails them),
     * a third overstating their audience by 21.5% (the candidate accepts up to 30%), a third that
     * the candidate judges as the rules in force do.
     */
    static void seed(ConfigurableApplicationContext instance, String brand, int n) throws Exception {
        String prefix = brand.toUpperCase(Locale.ROOT).replace(' ', '-');
        List<Verdict> verdicts = Portfolio.store(
                instance.getBean(SubmissionStore.class),
                instance.getBean(RuleService.class),
                brand,
                n,
                List.of(new Portfolio.Kind(40000, 4), new Portfolio.Kind(48000, 1), new Portfolio.Kind(40000, 1)),
                i -> String.format(Locale.ROOT, "%s-%05d", prefix, i));
        assertThat(verdicts).containsExactly(Verdict.PASS, Verdict.FAIL, Verdict.PASS);
        toFail += (n + 2) / 3;
        toPass += (n + 1) / 3;
    }

    /** The candidate: more than 3% suspected fake followers fails, an audience may be overstated by 30%. */
    static byte[] candidate(ConfigurableApplicationContext instance) throws Exception {
        String now = text(instance, "/api/v1/rules/files/thresholds.table.csv");
        String changed = now.replace("\"AUDIENCE_OVERCLAIM_PCT\",\"10\"", "\"AUDIENCE_OVERCLAIM_PCT\",\"30\"")
                .replace("\"FAKE_FOLLOWERS_WARN_PCT\",\"15\"", "\"FAKE_FOLLOWERS_WARN_PCT\",\"2\"")
                .replace("\"FAKE_FOLLOWERS_FAIL_PCT\",\"30\"", "\"FAKE_FOLLOWERS_FAIL_PCT\",\"3\"");
        assertThat(changed).isNotEqualTo(now);
        return JSON.writeValueAsBytes(Map.of("files", Map.of("thresholds.table.csv", changed)));
    }

    @Test
    @Order(1)
    void oneInstanceJudgesThePortfolio() throws Exception {
        ImpactWorkers workersA = a.getBean(ImpactWorkers.class);
        // The first (untimed) preview builds the candidate and warms the engine up.
        warmUp(a);
        long started = System.nanoTime();
        String id = ask(a);
        JsonNode done = awaitDone(a, id, List.of(a));
        double seconds = (System.nanoTime() - started) / 1e9;
        record(1, seconds);

        assertThat(done.path("progress").path("done").asInt()).isEqualTo(CAMPAIGNS);
        assertThat(claimers(id)).containsOnlyKeys(workersA.instance());
        alone = changes(done);
        assertFlips(done);
    }

    @Test
    @Order(2)
    void twoInstancesSplitThePreviewAndFindWhatOneFoundAlone() throws Exception {
        b = start("b", true);
        ImpactWorkers workersA = a.getBean(ImpactWorkers.class);
        ImpactWorkers workersB = b.getBean(ImpactWorkers.class);
        ImpactJobListener listenerB = b.getBean(ImpactJobListener.class);
        // B has looked for work once, found none and waits for ten minutes, or a notification.
        await().atMost(Duration.ofMinutes(2)).until(() -> workersB.idleCount() >= 1 && listenerB.listening());
        long notified = listenerB.notifications();

        long started = System.nanoTime();
        String id = ask(a);
        JsonNode done = awaitDone(a, id, List.of(a, b));
        double seconds = (System.nanoTime() - started) / 1e9;
        record(2, seconds);

        Map<String, Integer> by = claimers(id);
        assertThat(by).containsOnlyKeys(workersA.instance(), workersB.instance());
        assertThat(by.get(workersB.instance()))
                .as("jobs B claimed, woken by notification only")
                .isPositive();
        assertThat(by.get(workersA.instance())).as("jobs A claimed").isPositive();
        assertThat(by.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(jobCount());
        assertThat(listenerB.notifications()).isGreaterThan(notified);
        assertThat(doneJobsClaimedTwice(id)).as("jobs claimed more than once").isZero();

        assertThat(done.path("progress").path("done").asInt()).isEqualTo(CAMPAIGNS);
        assertFlips(done);
        assertThat(changes(done)).isEqualTo(alone);
        // Both instances show the same finished preview.
        JsonNode fromB = get(b, "/api/v1/rules/impact/" + id);
        assertThat(fromB).isEqualTo(get(a, "/api/v1/rules/impact/" + id));
    }

    @Test
    @Order(3)
    void anInstanceWhoseListeningConnectionIsCutListensAgainAndTakesItsShare() throws Exception {
        ImpactWorkers workersB = b.getBean(ImpactWorkers.class);
        ImpactJobListener listenerB = b.getBean(ImpactJobListener.class);
        int cut = count("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE application_name = 'candor impact listener' AND datname = current_database()");
        assertThat(cut)
                .as("listening connections cut (B's only: A does not listen)")
                .isEqualTo(1);
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> listenerB.listening()
                        && count("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = 'candor impact"
                                        + " listener' AND datname = current_database()")
                                == 1);
        long notified = listenerB.notifications();

        String id = ask(a);
        JsonNode done = awaitDone(a, id, List.of(a, b));

        assertThat(claimers(id).get(workersB.instance()))
                .as("jobs B claimed after its connection was opened again")
                .isPositive();
        assertThat(listenerB.notifications()).isGreaterThan(notified);
        assertThat(changes(done)).isEqualTo(alone);
    }

    // --- helpers ---

    private static void warmUp(ConfigurableApplicationContext instance) throws Exception {
        String id = post(instance, "/api/v1/rules/impact?brand=" + WARM_UP.replace(" ", "%20"), candidate(instance));
        JsonNode done = awaitDone(instance, id, List.of(instance));
        assertThat(done.path("progress").path("done").asInt()).isEqualTo(WARM_UP_CAMPAIGNS);
    }

    private static String ask(ConfigurableApplicationContext instance) throws Exception {
        return post(instance, "/api/v1/rules/impact?brand=" + BRAND.replace(" ", "%20"), candidate(instance));
    }

    private static String post(ConfigurableApplicationContext instance, String path, byte[] body) throws Exception {
        HttpRequest post = request(instance, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> r = HTTP.send(post, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("id").asText();
    }

    /**
     * Waits for a preview to be DONE, reading its progress from each of the instances in turn:
     * each shows it, its progress never goes back and never passes the total.
     */
    private static JsonNode awaitDone(
            ConfigurableApplicationContext asked, String id, List<ConfigurableApplicationContext> readers)
            throws Exception {
        Map<ConfigurableApplicationContext, Integer> last = new HashMap<>();
        long deadline = System.nanoTime() + DONE_WITHIN.toNanos();
        while (true) {
            JsonNode p = null;
            for (ConfigurableApplicationContext r : readers) {
                p = get(r, "/api/v1/rules/impact/" + id);
                assertThat(p.path("id").asText()).isEqualTo(id);
                assertThat(p.path("status").asText()).isIn("QUEUED", "RUNNING", "DONE");
                int done = p.path("progress").path("done").asInt();
                assertThat(done)
                        .as("progress read from an instance never goes back")
                        .isGreaterThanOrEqualTo(last.getOrDefault(r, 0))
                        .isLessThanOrEqualTo(p.path("progress").path("total").asInt());
                last.put(r, done);
            }
            JsonNode fromAsked = get(asked, "/api/v1/rules/impact/" + id);
            if (fromAsked.path("status").asText().equals("DONE")) {
                return fromAsked;
            }
            assertThat(System.nanoTime()).as("preview %s done in time", id).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static void assertFlips(JsonNode done) {
        assertThat(done.path("passToFail").asInt()).isEqualTo(toFail);
        assertThat(done.path("failToPass").asInt()).isEqualTo(toPass);
        assertThat(done.path("changes")).hasSize(toFail + toPass);
    }

    /** Each changed campaign by reference: its verdicts and the findings that appear and disappear. */
    private static Map<String, String> changes(JsonNode preview) {
        Map<String, String> m = new TreeMap<>();
        for (JsonNode c : preview.path("changes")) {
            m.put(
                    c.path("reference").asText(),
                    c.path("verdictBefore").asText() + ">"
                            + c.path("verdictAfter").asText() + " +"
                            + findings(c.path("appeared")) + " -" + findings(c.path("disappeared")) + " "
                            + c.path("stopped").asText());
        }
        return m;
    }

    private static List<String> findings(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(
                f -> out.add(f.path("ruleId").asText() + " " + f.path("subject").asText() + " "
                        + f.path("severity").asText() + " " + f.path("message").asText()));
        return out;
    }

    private static void record(int instances, double seconds) {
        figures.append(String.format(
                Locale.ROOT,
                "%d instance(s): %d campaigns in %.1f s, %.1f campaigns/s (load average after: %s)%n",
                instances,
                CAMPAIGNS,
                seconds,
                CAMPAIGNS / seconds,
                loadAverage()));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int jobCount() {
        return (CAMPAIGNS + 9) / 10;
    }

    /** How many DONE jobs of a preview each instance claimed, by instance. */
    private static Map<String, Integer> claimers(String previewId) throws SQLException {
        Map<String, Integer> by = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(URL, Postgres.Db.USER, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT status, claimed_by FROM impact_job WHERE preview_id = '" + previewId + "'")) {
            while (rs.next()) {
                assertThat(rs.getString("status")).isEqualTo("DONE");
                String worker = rs.getString("claimed_by");
                by.merge(worker.substring(0, worker.lastIndexOf('/')), 1, Integer::sum);
            }
        }
        return by;
    }

    /** The first column summed over the rows of a query (a count, or 1 per row of another query). */
    private static int count(String query) throws SQLException {
        return countRows(URL, query);
    }

    private static int doneJobsClaimedTwice(String previewId) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, Postgres.Db.USER, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT COUNT(*) FROM impact_job WHERE attempts <> 1 AND preview_id = '" + previewId + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
