package org.candor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the packaged service: clients submit without pause while the process is
 * killed with SIGKILL ({@code destroyForcibly}) in mid-stream, then started again on the same
 * embedded database. Every submission that was answered 201 must be stored and evaluated exactly
 * once, its evaluation the one the client was given. {@code -Dcandor.reliability.crash.cycles}
 * sets the number of kills (1 by default; 10 under the {@code reliability} profile).
 *
 * <p>The first start is {@code java -jar target/candor.jar}, as the README starts the service;
 * every start after a kill is {@code ./candor}, the launcher, which runs the same jar's extracted
 * form on the service's class data archive when the build made them (the jar itself otherwise).
 * Each kill comes once the clients have had a number of 201 answers in that start (varied from
 * kill to kill), while they are still sending.
 */
class CrashIT {

    static final int CYCLES = Integer.getInteger("candor.reliability.crash.cycles", 1);
    static final int CLIENTS = 4;
    /**
     * The service's JVM options: its heap, then the test JVMs' own ({@code candor.test.jvm} in
     * {@code pom.xml}, the quick compiler and the serial collector), which halve the processor time
     * of a start; only the heap under {@code -Preliability}, which runs the service as it runs.
     */
    static final List<String> JVM = Stream.concat(
                    Stream.of("-Xmx512m"),
                    Arrays.stream(System.getProperty("candor.child.jvm", "").split("\\s+")))
            .filter(o -> !o.isBlank())
            .toList();

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    /** A 201 answer: the submission and the evaluation the client was told of. */
    record Acknowledged(String submissionId, String evaluationId) {}

    final Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();
    /** Seconds from each start to its first answer, in order. */
    final List<String> startSeconds = new CopyOnWriteArrayList<>();
    /** 201 answers in the current start. */
    final AtomicInteger answeredThisStart = new AtomicInteger();

    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger unanswered = new AtomicInteger();
    final AtomicInteger serverErrors = new AtomicInteger();

    /** The service's own embedded database settings (application.properties), in the work folder. */
    String ownUrl() throws IOException {
        java.util.Properties defaults = new java.util.Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            defaults.load(in);
        }
        String url = defaults.getProperty("spring.datasource.url");
        assertThat(url).startsWith("jdbc:h2:file:./data/").contains(";DB_CLOSE_ON_EXIT=FALSE");
        return url.replace("./data/", work.resolve("data").toAbsolutePath() + "/");
    }

    /**
     * {@link #ownUrl()} opened in mixed mode, so that the test can read the database while the
     * service runs: for the starts that end in a kill. H2 refuses mixed mode with {@code
     * DB_CLOSE_ON_EXIT=FALSE}, so these starts leave the closing to H2's exit hook.
     */
    String url() throws IOException {
        return ownUrl().replace(";DB_CLOSE_ON_EXIT=FALSE", "") + ";AUTO_SERVER=TRUE";
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * The service: {@code java -jar target/candor.jar} on the first start, the launcher ({@code
     * ./candor}, which execs the JVM itself: the process is the service's) on the starts after a
     * kill; the start that ends in a stop ({@link #stopUnderLoad}) on the service's own database
     * settings.
     */
    Process start(int port, int run) throws Exception {
        String jar = System.getProperty("candor.jar", "target/candor.jar");
        List<String> cmd = new ArrayList<>();
        if (run == 0) {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(JVM);
            cmd.addAll(List.of("-jar", Path.of(jar).toAbsolutePath().toString()));
        } else {
            cmd.add(Path.of("candor").toAbsolutePath().toString());
        }
        cmd.addAll(List.of(
                "--server.port=" + port,
                "--spring.profiles.active=demo",
                "--spring.datasource.url=" + (run > CYCLES ? ownUrl() : url()),
                "--candor.rules-dir=" + Path.of("rules").toAbsolutePath(),
                "--candor.rules-watch.enabled=false",
                "--candor.reports-dir=" + work.resolve("reports")));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("run-" + run + ".log").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("CANDOR_JAVA_OPTS", String.join(" ", JVM));
        answeredThisStart.set(0);
        long started = System.nanoTime();
        Process p = pb.start();
        Client anyone = new Client(port, "officer", "officer-demo");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("service started; log: %s", log(run)).isTrue();
            try {
                if (anyone.get("/actuator/health").statusCode() == 200
                        && log(run).contains("Candor is ready at http://127.0.0.1:" + port + "/")) {
                    // Up, and it said where to open it (the first-run line of the README).
                    startSeconds.add(String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
                    return p;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("service did not start in time; log: " + log(run));
    }

    String log(int run) throws IOException {
        Path f = work.resolve("run-" + run + ".log");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    byte[] campaign(String reference) throws IOException {
        ObjectNode c =
                (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("src/test/resources/reliability/base.json")));
        c.put("reference", reference);
        return JSON.writeValueAsBytes(c);
    }

    /** Submits from {@code CLIENTS} threads until told to stop; answers the threads. */
    List<Thread> submitters(int port, AtomicBoolean stop, String tag) {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
            int client = t;
            Thread thread = new Thread(() -> {
                Client northwind = new Client(port, "northwind", "northwind-demo");
                for (int n = 0; !stop.get(); n++) {
                    try {
                        sent.incrementAndGet();
                        HttpResponse<String> r = northwind.submit(campaign("CRASH-" + tag + "-" + client + "-" + n));
                        if (r.statusCode() == 201) {
                            JsonNode e = JSON.readTree(r.body());
                            String sub = e.path("submissionId").asText();
                            acknowledged.put(
                                    sub, new Acknowledged(sub, e.path("id").asText()));
                            answeredThisStart.incrementAndGet();
                        } else if (r.statusCode() >= 500) {
                            serverErrors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        unanswered.incrementAndGet(); // the process is gone: no answer, no promise
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException stopped) {
                            return;
                        }
                    } catch (InterruptedException stopped) {
                        return;
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    @Test
    void everyAcknowledgedSubmissionSurvivesKillsAndIsEvaluatedExactlyOnce() throws Exception {
        int kills = 0;
        for (int cycle = 0; cycle <= CYCLES; cycle++) {
            int port = freePort();
            Process p = start(port, cycle);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = submitters(port, stop, "c" + cycle);
            // Until the clients have had some answers in this start: 8 to 23, varied per cycle.
            int answers = 2 * CLIENTS + (cycle * 397) % (4 * CLIENTS);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (answeredThisStart.get() < answers && System.nanoTime() < until) {
                assertThat(p.isAlive())
                        .as("service running; log: %s", log(cycle))
                        .isTrue();
                Thread.sleep(20);
            }
            assertThat(answeredThisStart.get())
                    .as("201 answers in start %d; log: %s", cycle, log(cycle))
                    .isGreaterThanOrEqualTo(answers);
            if (cycle < CYCLES) {
                p.destroyForcibly(); // SIGKILL, while the clients are still sending
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                kills++;
            }
            stop.set(true);
            for (Thread t : threads) {
                t.join(60_000);
            }
            if (cycle == CYCLES) {
                // Recovery runs once the service is up: wait for nothing to be left RECEIVED.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (received() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                check(kills);
                p.destroy();
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
        }
        stopUnderLoad(kills);
    }

    /**
     * A stop (SIGTERM, as a service manager sends) while the clients send: the requests in flight
     * finish and are stored before the embedded database closes, so none is answered with an
     * error, none is left RECEIVED and nothing is logged about a closed database or its file.
     */
    void stopUnderLoad(int kills) throws Exception {
        int run = CYCLES + 1;
        int port = freePort();
        Process p = start(port, run);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = submitters(port, stop, "stop");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (answeredThisStart.get() < 4 * CLIENTS && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(answeredThisStart.get())
                .as("201 answers before the stop; log: %s", log(run))
                .isGreaterThan(0);
        p.destroy(); // SIGTERM, while the clients are still sending
        assertThat(p.waitFor(60, TimeUnit.SECONDS))
                .as("stopped; log: %s", log(run))
                .isTrue();
        stop.set(true);
        for (Thread t : threads) {
            t.join(60_000);
        }
        assertThat(log(run))
                .as("the stop's log")
                .doesNotContain("Database is already closed")
                .doesNotContain("MVStoreException")
                .doesNotContain("StorageUnavailable");
        assertThat(received()).as("left RECEIVED by the stop").isZero();
        check(kills);
    }

    long received() throws Exception {
        try (Connection c = DriverManager.getConnection(url(), "sa", "");
                ResultSet rs =
                        c.createStatement().executeQuery("SELECT COUNT(*) FROM submission WHERE status = 'RECEIVED'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void check(int kills) throws Exception {
        int lost = 0;
        int twice = 0;
        int other = 0;
        List<String> notOnce = new ArrayList<>();
        long recovered;
        long submissions;
        try (Connection c = DriverManager.getConnection(url(), "sa", "")) {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT s.status, (SELECT COUNT(*) FROM evaluation e WHERE e.submission_id = s.id),"
                            + " (SELECT MIN(e.id) FROM evaluation e WHERE e.submission_id = s.id)"
                            + " FROM submission s WHERE s.id = ?")) {
                for (Acknowledged a : acknowledged.values()) {
                    q.setString(1, a.submissionId());
                    try (ResultSet rs = q.executeQuery()) {
                        if (!rs.next() || !"EVALUATED".equals(rs.getString(1))) {
                            lost++;
                        } else if (rs.getLong(2) != 1) {
                            twice++;
                        } else if (!a.evaluationId().equals(rs.getString(3))) {
                            other++;
                        }
                    }
                }
            }
            try (ResultSet rs = c.createStatement()
                    .executeQuery("SELECT COUNT(*) FROM evaluation WHERE evaluated_by = 'recovery'")) {
                rs.next();
                recovered = rs.getLong(1);
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM submission")) {
                rs.next();
                submissions = rs.getLong(1);
            }
            try (ResultSet rs = c.createStatement()
                    .executeQuery("SELECT s.id, s.status, s.submitted_by, s.received_at,"
                            + " (SELECT COUNT(*) FROM evaluation e WHERE e.submission_id = s.id) FROM submission s"
                            + " WHERE s.status <> 'EVALUATED'"
                            + " OR (SELECT COUNT(*) FROM evaluation e WHERE e.submission_id = s.id) <> 1")) {
                while (rs.next()) {
                    notOnce.add(rs.getString(1) + " " + rs.getString(2) + " received " + rs.getString(4)
                            + ", evaluations: " + rs.getLong(5)
                            + (acknowledged.containsKey(rs.getString(1)) ? ", acknowledged" : ""));
                }
            }
        }
        System.out.printf(
                "crash figures: kills=%d requests=%d acknowledged=%d unanswered=%d stored=%d recovered=%d"
                        + " lost=%d evaluatedTwice=%d otherEvaluation=%d notOnce=%d 5xx=%d startSeconds=%s%n",
                kills,
                sent.get(),
                acknowledged.size(),
                unanswered.get(),
                submissions,
                recovered,
                lost,
                twice,
                other,
                notOnce.size(),
                serverErrors.get(),
                startSeconds);
        assertThat(notOnce)
                .as("every stored submission evaluated exactly once, acknowledged or not: %s", notOnce)
                .isEmpty();
        assertThat(acknowledged).as("the clients got answers").isNotEmpty();
        assertThat(kills).isEqualTo(CYCLES);
        assertThat(lost).as("acknowledged but not stored and evaluated").isZero();
        assertThat(twice).as("acknowledged and evaluated more than once").isZero();
        assertThat(other)
                .as("stored evaluation differs from the one acknowledged")
                .isZero();
        assertThat(serverErrors.get()).as("5xx answers").isZero();
        assertThat(submissions).as("nothing stored that was never sent").isLessThanOrEqualTo(sent.get());
    }
}
