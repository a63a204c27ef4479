package org.candor.bench.impact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An impact preview over a stored portfolio, worked by one and then two instances of the service
 * run as separate processes ({@code java -jar target/candor.jar}, profiles {@code postgres} and
 * {@code demo}), on one PostgreSQL database created for the run and dropped after. Each instance
 * has its own port, working folder and copy of the rules, one impact worker and jobs of 10
 * campaigns; neither polls for jobs during the run (every 10 minutes): the instance asked is woken
 * by the request, the other by PostgreSQL's notification of the queued jobs.
 *
 * <p>Instance A starts alone; the portfolio (a third of the campaigns the candidate flips PASS →
 * FAIL, a third FAIL → PASS, a third it leaves as they are) and a warm-up brand of a tenth of its
 * size are submitted to A through {@code POST /api/v1/evaluations}, as the demo agency. A preview
 * of the warm-up brand, then the timed one of the portfolio, are asked on A. B then starts, a
 * preview of the warm-up brand is asked on B (both work on it: each warms up its own JIT), and the
 * timed preview of the portfolio is asked on A again, twice (B, whose JIT has seen only part of
 * the warm-up, is still compiling in the first). Each timed run goes from the request to
 * {@code DONE}, read every 200 ms. The run fails unless both instances claimed jobs of the second,
 * no job was claimed twice, and every run found the same flips and findings.
 *
 * <p>Usage: {@code ImpactProcesses jar result-file [campaigns]} (default 10,000); {@code
 * bench/impact.sh} builds the jar and runs it. Environment: PGHOST, PGUSER (default 127.0.0.1,
 * postgres; trust auth), CANDOR_BENCH_PORT (A's port, B's is the next; default 18091),
 * CANDOR_JAVA_OPTS (JVM options of both instances).
 */
public final class ImpactProcesses {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String BRAND = "Impact Portfolio";
    private static final String WARM_UP = "Impact Warm-up";
    private static final String PG_HOST = env("PGHOST", "127.0.0.1");
    private static final String PG_USER = env("PGUSER", "postgres");
    private static final String OFFICER = basic("officer", "officer-demo");
    private static final String AGENCY = basic("northwind", "northwind-demo");

    private ImpactProcesses() {}

    /** A running instance: its process, port and folder. */
    record Instance(String name, Process process, int port, Path dir) {

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        /** The instance as its workers name themselves in {@code claimed_by}: pid@host#... */
        boolean claimed(String claimedBy) {
            return claimedBy.startsWith(process.pid() + "@");
        }

        /** User and system CPU time of the process so far, in seconds (from /proc). */
        double cpuSeconds() {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
            } catch (IOException | RuntimeException e) {
                return Double.NaN;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ImpactProcesses jar result-file [campaigns]");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int campaigns = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int warmUps = Math.max(6, campaigns / 10);
        int port = Integer.parseInt(env("CANDOR_BENCH_PORT", "18091"));
        String database = "candor_impact_bench_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Path work = Files.createTempDirectory("candor-impact-bench");
        // The jar is copied, so that a build during the run does not change what runs.
        Path runJar = Files.copy(jar, work.resolve("candor.jar"), StandardCopyOption.REPLACE_EXISTING);
        StringBuilder figures = new StringBuilder();
        List<Instance> started = new ArrayList<>();
        boolean finished = false;
        sql("postgres", "CREATE DATABASE " + database);
        try {
            figures.append(String.format(
                    Locale.ROOT,
                    "impact preview, %,d campaigns, two processes (java -jar candor.jar) on one PostgreSQL"
                            + " (%s); %d cores; %s%n",
                    campaigns,
                    database,
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name") + " " + Runtime.version()));
            Instance a = start("a", runJar, work, port, database);
            started.add(a);
            long seeding = System.nanoTime();
            seed(a, WARM_UP, warmUps);
            int[] flips = seed(a, BRAND, campaigns);
            figures.append(String.format(
                    Locale.ROOT,
                    "seeded through A's API in %.1f s: %d to fail, %d to pass, %d unchanged%n",
                    (System.nanoTime() - seeding) / 1e9,
                    flips[0],
                    flips[1],
                    campaigns - flips[0] - flips[1]));
            byte[] candidate = candidate(a);

            awaitDone(a, ask(a, WARM_UP, candidate), warmUps);
            Run alone = timed(List.of(a), a, candidate, campaigns, database);
            figures.append(alone.line(1, campaigns));
            check(alone.preview, flips);
            require(alone.claims.keySet().equals(java.util.Set.of("a")), "only A claimed jobs alone: " + alone.claims);

            Instance b = start("b", runJar, work, port + 1, database);
            started.add(b);
            awaitDone(b, ask(b, WARM_UP, candidate), warmUps);
            // Twice: B's JIT has seen only its part of the warm-up when the first starts.
            for (int round = 1; round <= 2; round++) {
                Run both = timed(List.of(a, b), a, candidate, campaigns, database);
                figures.append(both.line(2, campaigns));
                check(both.preview, flips);
                require(
                        both.claims.getOrDefault("a", 0) > 0 && both.claims.getOrDefault("b", 0) > 0,
                        "both instances claimed jobs: " + both.claims);
                require(
                        both.claims.values().stream().mapToInt(Integer::intValue).sum() == (campaigns + 9) / 10,
                        "every job claimed once: " + both.claims);
                require(
                        changes(both.preview).equals(changes(alone.preview)),
                        "two instances found what one found alone");
                figures.append(String.format(
                        Locale.ROOT,
                        "  round %d of two instances: %.2fx the campaigns/s of one; jobs claimed %s;"
                                + " same flips and findings as one alone%n",
                        round,
                        alone.seconds / both.seconds,
                        both.claims));
            }
            finished = true;
        } finally {
            for (Instance i : started) {
                stop(i);
            }
            sql("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, figures, StandardCharsets.UTF_8);
            System.out.print(figures);
            if (finished) {
                deleteTree(work);
            } else {
                System.err.println("the instances' folders and logs are kept in " + work);
            }
        }
    }

    /** One timed preview: how long, the CPU each instance used meanwhile, who claimed its jobs. */
    record Run(
            JsonNode preview,
            double seconds,
            Map<String, Double> cpu,
            Map<String, Integer> claims,
            String loadBefore,
            String loadAfter) {

        String line(int instances, int campaigns) {
            return String.format(
                    Locale.ROOT,
                    "%d instance(s): %,d campaigns in %.1f s, %.1f campaigns/s; CPU used meanwhile %s;"
                            + " load average %s -> %s%n",
                    instances,
                    campaigns,
                    seconds,
                    campaigns / seconds,
                    cpu,
                    loadBefore,
                    loadAfter);
        }
    }

    private static Run timed(List<Instance> instances, Instance asked, byte[] candidate, int campaigns, String db)
            throws Exception {
        String loadBefore = loadAverage();
        Map<String, Double> cpu = new TreeMap<>();
        instances.forEach(i -> cpu.put(i.name(), i.cpuSeconds()));
        long start = System.nanoTime();
        String id = ask(asked, BRAND, candidate);
        JsonNode done = awaitDone(asked, id, campaigns);
        double seconds = (System.nanoTime() - start) / 1e9;
        instances.forEach(i -> cpu.put(
                i.name(), Math.round((i.cpuSeconds() - cpu.get(i.name())) * 10) / 10.0));
        return new Run(done, seconds, cpu, claims(db, id, instances), loadBefore, loadAverage());
    }

    /** Starts an instance in its own folder, with its own copy of the rules, and waits for health UP. */
    private static Instance start(String name, Path jar, Path work, int port, String database) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        copyTree(Path.of("rules"), dir.resolve("rules"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String o : env("CANDOR_JAVA_OPTS", "").trim().split("\\s+")) {
            if (!o.isEmpty()) {
                command.add(o);
            }
        }
        command.addAll(List.of(
                "-jar",
                jar.toString(),
                "--spring.profiles.active=postgres,demo",
                "--spring.datasource.url=jdbc:postgresql://" + PG_HOST + "/" + database,
                "--spring.datasource.username=" + PG_USER,
                "--spring.datasource.password=",
                "--server.port=" + port,
                "--candor.rules-dir=" + dir.resolve("rules"),
                "--candor.reports-dir=" + dir.resolve("reports"),
                "--candor.reports-copy=false",
                "--candor.impact.workers=1",
                "--candor.impact.job-size=10",
                "--candor.impact.poll=10m",
                "--spring.application.name=candor-" + name));
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("service.log").toFile())
                .start();
        Instance i = new Instance(name, p, port, dir);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            require(p.isAlive(), name + " stopped while starting:\n" + tail(dir.resolve("service.log")));
            try {
                HttpResponse<String> r = HTTP.send(
                        HttpRequest.newBuilder(i.uri("/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    return i;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        stop(i);
        throw new IllegalStateException(name + " did not start:\n" + tail(dir.resolve("service.log")));
    }

    private static void stop(Instance i) throws InterruptedException {
        i.process().destroy();
        if (!i.process().waitFor(60, TimeUnit.SECONDS)) {
            i.process().destroyForcibly().waitFor();
        }
    }

    /**
     * Submits {@code n} campaigns of one brand to an instance, four at a time, each judged and
     * stored as any submission is: the 1-post passing campaign with 4 % suspected fake followers
     * (PASS; the candidate fails it), an audience overstated by 21.5 % (FAIL; the candidate
     * accepts it) or neither (PASS either way), in turn.
     *
     * @return how many the candidate should flip to FAIL and to PASS
     */
    private static int[] seed(Instance instance, String brand, int n) throws Exception {
        ObjectNode base;
        try (InputStream in = ImpactProcesses.class.getResourceAsStream("/cli/passing.json")) {
            base = (ObjectNode) JSON.readTree(in);
        }
        int[][] kinds = {{40000, 4}, {48000, 1}, {40000, 1}};
        String[] verdicts = {"PASS", "FAIL", "PASS"};
        String[] payloads = new String[3];
        for (int k = 0; k < 3; k++) {
            ObjectNode c = base.deepCopy();
            c.put("brand", brand);
            ((ObjectNode) c.path("influencers").get(0).path("audience"))
                    .put("followers", kinds[k][0])
                    .put("suspectedFakeFollowersPct", kinds[k][1]);
            payloads[k] = JSON.writeValueAsString(c);
        }
        String prefix = brand.toUpperCase(Locale.ROOT).replace(' ', '-');
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i % 3;
                String reference = String.format(Locale.ROOT, "%s-%05d", prefix, i);
                String body = payloads[k].replace("\"CALM-TEA-US\"", "\"" + reference + "\"");
                sent.add(senders.submit(() -> {
                    HttpResponse<String> r = HTTP.send(
                            HttpRequest.newBuilder(instance.uri("/api/v1/evaluations"))
                                    .header("Authorization", AGENCY)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    require(r.statusCode() == 200 || r.statusCode() == 201, reference + ": " + r.body());
                    String verdict = JSON.readTree(r.body()).path("verdict").asText();
                    require(verdict.equals(verdicts[k]), reference + " judged " + verdict + ", not " + verdicts[k]);
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            senders.shutdown();
        }
        return new int[] {(n + 2) / 3, (n + 1) / 3};
    }

    /** The candidate: more than 3 % suspected fake followers fails, an audience may be overstated by 30 %. */
    private static byte[] candidate(Instance instance) throws Exception {
        String now = send(instance, "/api/v1/rules/files/thresholds.table.csv", null, 200);
        String changed = now.replace("\"AUDIENCE_OVERCLAIM_PCT\",\"10\"", "\"AUDIENCE_OVERCLAIM_PCT\",\"30\"")
                .replace("\"FAKE_FOLLOWERS_WARN_PCT\",\"15\"", "\"FAKE_FOLLOWERS_WARN_PCT\",\"2\"")
                .replace("\"FAKE_FOLLOWERS_FAIL_PCT\",\"30\"", "\"FAKE_FOLLOWERS_FAIL_PCT\",\"3\"");
        require(!changed.equals(now), "the thresholds table has the values the candidate changes");
        return JSON.writeValueAsBytes(Map.of("files", Map.of("thresholds.table.csv", changed)));
    }

    private static String ask(Instance instance, String brand, byte[] candidate) throws Exception {
        String path = "/api/v1/rules/impact?brand=" + URLEncoder.encode(brand, StandardCharsets.UTF_8);
        return JSON.readTree(send(instance, path, candidate, 202)).path("id").asText();
    }

    private static JsonNode awaitDone(Instance instance, String id, int campaigns) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(Math.max(5, campaigns / 20));
        while (true) {
            JsonNode p = JSON.readTree(send(instance, "/api/v1/rules/impact/" + id, null, 200));
            String status = p.path("status").asText();
            if (status.equals("DONE")) {
                require(p.path("progress").path("done").asInt() == campaigns, "all judged: " + p.path("progress"));
                return p;
            }
            require(status.equals("QUEUED") || status.equals("RUNNING"), "preview " + id + " is " + status);
            require(System.nanoTime() < deadline, "preview " + id + " done in time");
            Thread.sleep(200);
        }
    }

    private static void check(JsonNode done, int[] flips) {
        require(
                done.path("passToFail").asInt() == flips[0]
                        && done.path("failToPass").asInt() == flips[1]
                        && done.path("changes").size() == flips[0] + flips[1],
                "flips " + done.path("passToFail") + "/" + done.path("failToPass") + ", expected " + flips[0] + "/"
                        + flips[1]);
    }

    /** Each changed campaign by reference: its verdicts and the findings that appear and disappear. */
    private static Map<String, String> changes(JsonNode preview) {
        Map<String, String> m = new TreeMap<>();
        for (JsonNode c : preview.path("changes")) {
            m.put(
                    c.path("reference").asText(),
                    c.path("verdictBefore").asText() + ">" + c.path("verdictAfter").asText() + " +"
                            + c.path("appeared") + " -" + c.path("disappeared") + " " + c.path("stopped"));
        }
        return m;
    }

    /** How many jobs of a preview each instance claimed, by name; every job must be DONE and claimed once. */
    private static Map<String, Integer> claims(String database, String previewId, List<Instance> instances)
            throws SQLException {
        Map<String, Integer> by = new TreeMap<>();
        try (Connection c = connect(database);
                PreparedStatement s =
                        c.prepareStatement("SELECT status, attempts, claimed_by FROM impact_job WHERE preview_id = ?")) {
            s.setString(1, previewId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    require(rs.getString("status").equals("DONE"), "job " + rs.getString("status"));
                    require(rs.getInt("attempts") == 1, "job claimed " + rs.getInt("attempts") + " times");
                    String claimedBy = rs.getString("claimed_by");
                    String name = instances.stream()
                            .filter(i -> i.claimed(claimedBy))
                            .map(Instance::name)
                            .findFirst()
                            .orElse(claimedBy);
                    by.merge(name, 1, Integer::sum);
                }
            }
        }
        return by;
    }

    private static String send(Instance instance, String path, byte[] body, int expected) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(instance.uri(path)).header("Authorization", OFFICER);
        if (body != null) {
            r.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        }
        HttpResponse<String> answer = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        require(answer.statusCode() == expected, path + ": " + answer.statusCode() + " " + answer.body());
        return answer.body();
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + "/" + database, PG_USER, "");
    }

    private static void sql(String database, String statement) throws SQLException {
        try (Connection c = connect(database);
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("failed: " + what);
        }
    }

    private static String env(String name, String otherwise) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? otherwise : v;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
