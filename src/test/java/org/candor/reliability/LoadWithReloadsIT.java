package org.candor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.candor.rules.RuleService;
import org.candor.support.H2;
import org.candor.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Load with rule reloads: 50 clients at once for {@code candor.reliability.load.seconds} (10 by
 * default, 60 under the {@code reliability} profile) submit campaigns, list evaluations and
 * download reports, while officers change the rules through the API, with good edits (a table's
 * notes, which builds and passes the rule tests) and broken ones (a DRL file that does not build),
 * and reload the folder. No answer may be a 5xx, every submission answered 201 must be stored and
 * evaluated once, and the heap after a full GC must come back near where it started.
 *
 * <p>It runs in the test's own JVM, against the service on a random port over real HTTP: the heap
 * it measures is the service's, and it needs no second start of the service.
 */
@ServiceTest
class LoadWithReloadsIT {

    static final int SECONDS = Integer.getInteger("candor.reliability.load.seconds", 10);
    static final int CLIENTS = 50;
    static final int OFFICERS = 2;
    /** Heap growth allowed between the start and the end, after a full GC each time. */
    static final long HEAP_BOUND = 64L * 1024 * 1024;

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        H2.register(registry);
        registry.add("candor.rules-dir", () -> {
            Path dir = root.resolve("rules");
            if (!Files.isDirectory(dir)) {
                copy(Path.of("rules"), dir);
            }
            return dir.toString();
        });
        registry.add("candor.rules-watch.enabled", () -> "false");
        registry.add("candor.reports-dir", () -> root.resolve("reports").toString());
        // The demo users, with bcrypt at its lowest cost: the load is on the service, not on
        // checking one password per request at cost 10.
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        String[][] users = {
            {"northwind", "northwind-demo", "AGENCY", "Northwind Media"},
            {"lumen", "lumen-demo", "AGENCY", "Lumen Collective"},
            {"officer", "officer-demo", "OFFICER", null},
            {"manager", "manager-demo", "MANAGER", null}
        };
        for (int i = 0; i < users.length; i++) {
            String[] u = users[i];
            String hash = "{bcrypt}" + bcrypt.encode(u[1]);
            String prefix = "candor.users[" + i + "].";
            registry.add(prefix + "username", () -> u[0]);
            registry.add(prefix + "password", () -> hash);
            registry.add(prefix + "role", () -> u[2]);
            if (u[3] != null) {
                registry.add(prefix + "agency", () -> u[3]);
            }
        }
    }

    static void copy(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RuleService rules;

    @Autowired
    org.candor.report.ReportArchive archive;

    final ObjectMapper json = new ObjectMapper();
    final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final Map<String, String> acknowledged = new ConcurrentHashMap<>(); // submission id -> evaluation id
    final ConcurrentLinkedQueue<String> northwindIds = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> lumenIds = new ConcurrentLinkedQueue<>();
    final AtomicInteger serverErrors = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger goodEdits = new AtomicInteger();
    final AtomicInteger brokenEdits = new AtomicInteger();
    final AtomicInteger reloads = new AtomicInteger();
    final AtomicLong peakHeap = new AtomicLong();
    final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    void count(String what, int status) {
        requests.incrementAndGet();
        statuses.computeIfAbsent(what + " " + status, k -> new AtomicInteger()).incrementAndGet();
        if (status >= 500) {
            serverErrors.incrementAndGet();
        }
    }

    byte[] campaign(String resource, String reference) throws IOException {
        ObjectNode c = (ObjectNode) json.readTree(Files.readAllBytes(Path.of("src/test/resources/" + resource)));
        c.put("reference", reference);
        return json.writeValueAsBytes(c);
    }

    void submit(Client agency, String resource, ConcurrentLinkedQueue<String> ids, String reference) throws Exception {
        HttpResponse<String> r = agency.submit(campaign(resource, reference));
        count("submit", r.statusCode());
        if (r.statusCode() == 201) {
            JsonNode e = json.readTree(r.body());
            acknowledged.put(e.path("submissionId").asText(), e.path("id").asText());
            ids.add(e.path("id").asText());
        } else {
            problems.add("submit " + r.statusCode() + " " + r.body());
        }
    }

    /** One agency or manager client: submissions, listings, evaluations and report downloads. */
    void user(int n, long until) {
        Random random = new Random(n);
        boolean lumen = n % 2 == 1;
        boolean manager = n % 10 == 0;
        Client agency =
                lumen ? new Client(port, "lumen", "lumen-demo") : new Client(port, "northwind", "northwind-demo");
        Client reader = manager ? new Client(port, "manager", "manager-demo") : agency;
        ConcurrentLinkedQueue<String> own = lumen ? lumenIds : northwindIds;
        String resource = lumen ? "api/lumen-pass.json" : "reliability/base.json";
        for (int k = 0; System.nanoTime() < until; k++) {
            try {
                int dice = random.nextInt(10);
                String some = own.peek();
                if (dice < 4 && !manager) {
                    submit(agency, resource, own, "LOAD-" + n + "-" + k);
                } else if (dice < 7 || some == null) {
                    HttpResponse<String> r = reader.get("/api/v1/evaluations?size=20&page=" + random.nextInt(3));
                    count("list", r.statusCode());
                } else if (dice < 9) {
                    HttpResponse<byte[]> r = reader.download("/api/v1/evaluations/" + some + "/report.xlsx");
                    count("report", r.statusCode());
                } else {
                    HttpResponse<String> r = reader.get("/api/v1/evaluations/" + some);
                    count("get", r.statusCode());
                }
            } catch (Exception e) {
                failures.incrementAndGet();
                problems.add(e.toString());
            }
        }
    }

    /** An officer: good edits, broken edits and reloads in turn. */
    void officer(int n, long until) {
        Client officer = new Client(port, "officer", "officer-demo");
        for (int k = n; System.nanoTime() < until; k++) {
            try {
                switch (k % 3) {
                    case 0 -> {
                        // Read as an officer does, with its version, and change that version.
                        HttpResponse<String> read = officer.get("/api/v1/rules/files/thresholds.table.csv");
                        String table = read.body();
                        String edited = table.replaceAll(
                                "keep the names\\.[^\"]*\"", "keep the names. (load edit " + n + "-" + k + ")\"");
                        HttpResponse<String> r = officer.put(
                                "/api/v1/rules/files/thresholds.table.csv",
                                "text/plain",
                                edited.getBytes(StandardCharsets.UTF_8),
                                read.headers().firstValue("ETag").orElseThrow());
                        count("good edit", r.statusCode());
                        if (r.statusCode() == 200) {
                            goodEdits.incrementAndGet();
                        } else if (r.statusCode() != 409 && r.statusCode() != 412) {
                            // 409, 412: the other officer's change came first
                            problems.add("good edit " + r.statusCode() + " " + r.body());
                        }
                    }
                    case 1 -> {
                        HttpResponse<String> r = officer.put(
                                "/api/v1/rules/files/load-broken.drl",
                                "text/plain",
                                "package candor.broken;\nrule \"x\" when then nothing(; end\n"
                                        .getBytes(StandardCharsets.UTF_8),
                                null);
                        count("broken edit", r.statusCode());
                        if (r.statusCode() == 422) {
                            brokenEdits.incrementAndGet();
                        } else if (r.statusCode() != 409) {
                            problems.add("broken edit " + r.statusCode() + " " + r.body());
                        }
                    }
                    default -> {
                        HttpResponse<String> r = officer.post("/api/v1/rules/reload");
                        count("reload", r.statusCode());
                        if (r.statusCode() == 200) {
                            reloads.incrementAndGet();
                        } else {
                            problems.add("reload " + r.statusCode() + " " + r.body());
                        }
                    }
                }
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failures.incrementAndGet();
                problems.add(e.toString());
            }
        }
    }

    @Test
    void fiftyClientsWithReloadsGetNo5xxLoseNothingAndKeepTheHeapStable() throws Exception {
        // Warm up: one of each, so the first evaluation's one-off costs are not counted as growth.
        submit(new Client(port, "northwind", "northwind-demo"), "reliability/base.json", northwindIds, "LOAD-WARM-N");
        submit(new Client(port, "lumen", "lumen-demo"), "api/lumen-pass.json", lumenIds, "LOAD-WARM-L");
        String hashBefore = rules.current().hash();
        long heapBefore = usedHeapAfterGc();

        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        List<Thread> threads = new ArrayList<>();
        for (int n = 0; n < CLIENTS; n++) {
            int client = n;
            threads.add(
                    n < OFFICERS ? new Thread(() -> officer(client, until)) : new Thread(() -> user(client, until)));
        }
        Thread sampler = new Thread(() -> {
            while (System.nanoTime() < until) {
                peakHeap.accumulateAndGet(
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        threads.forEach(Thread::start);
        sampler.start();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(SECONDS + 120));
        }
        sampler.interrupt();
        // The reports-folder copies are written off the request: let them land before the
        // temporary folder that holds them is removed.
        assertThat(archive.flush(java.time.Duration.ofSeconds(60)))
                .as("report copies written")
                .isTrue();

        // Nothing lost: every 201 is stored, evaluated once, and is the evaluation the client got.
        int lost = 0;
        for (Map.Entry<String, String> a : acknowledged.entrySet()) {
            List<String> evaluations = jdbc.sql("SELECT id FROM evaluation WHERE submission_id = :s")
                    .param("s", a.getKey())
                    .query(String.class)
                    .list();
            String status = jdbc.sql("SELECT status FROM submission WHERE id = :s")
                    .param("s", a.getKey())
                    .query(String.class)
                    .optional()
                    .orElse("missing");
            if (!status.equals("EVALUATED") || !evaluations.equals(List.of(a.getValue()))) {
                lost++;
            }
        }
        long heapAfter = usedHeapAfterGc();
        String hashAfter = rules.current().hash();

        System.out.printf(
                "load figures: clients=%d seconds=%d requests=%d submissions=%d goodEdits=%d brokenEdits=%d"
                        + " reloads=%d 5xx=%d clientErrors=%d lost=%d heapBeforeMB=%d heapAfterMB=%d peakHeapMB=%d"
                        + " ruleSetChanged=%s statuses=%s%n",
                CLIENTS,
                SECONDS,
                requests.get(),
                acknowledged.size(),
                goodEdits.get(),
                brokenEdits.get(),
                reloads.get(),
                serverErrors.get(),
                failures.get(),
                lost,
                heapBefore >> 20,
                heapAfter >> 20,
                peakHeap.get() >> 20,
                !hashAfter.equals(hashBefore),
                new TreeMap<>(statuses));

        assertThat(serverErrors.get()).as("5xx answers; problems: %s", problems).isZero();
        assertThat(failures.get())
                .as("requests without an answer; problems: %s", problems)
                .isZero();
        assertThat(lost).as("acknowledged submissions lost or evaluated twice").isZero();
        assertThat(acknowledged.size()).as("submissions made").isPositive();
        assertThat(goodEdits.get())
                .as("good edits applied; problems: %s", problems)
                .isPositive();
        assertThat(brokenEdits.get()).as("broken edits refused").isPositive();
        // 409 and 412 on an edit: the other officer's change came first (counted above, not a problem).
        assertThat(statuses.keySet()).as("only the answers expected").allMatch(s -> Set.of(
                        "submit 201",
                        "list 200",
                        "report 200",
                        "get 200",
                        "good edit 200",
                        "good edit 409",
                        "good edit 412",
                        "broken edit 422",
                        "broken edit 409",
                        "reload 200")
                .contains(s));
        assertThat(rules.rulesDir().resolve("load-broken.drl")).doesNotExist();
        assertThat(heapAfter - heapBefore).as("heap growth after a full GC").isLessThan(HEAP_BOUND);
    }
}
