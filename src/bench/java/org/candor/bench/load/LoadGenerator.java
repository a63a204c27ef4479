package org.candor.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.candor.bench.CorpusGenerator;

/**
 * An open-loop load generator for {@code POST /api/v1/evaluations}: requests leave at a fixed rate
 * whatever the service's answers, and each one's latency is measured from the moment it was meant
 * to leave, so a stall of the service shows in the figures instead of slowing the generator down
 * (no coordinated omission). Campaigns come from {@link CorpusGenerator} (agency "Northwind
 * Media", as the demo user northwind), sent as JSON with HTTP Basic.
 *
 * <p>Usage: {@code LoadGenerator url user password [rate/s] [seconds] [warm-up seconds] [posts per
 * campaign] [result file] [service pid]}; defaults 200/s, 60 s, 15 s, 10 posts. Over the measured
 * phase it also reports the CPU time its own process used, that of the service's process when its
 * pid is given (from {@code /proc/<pid>/stat}), per answered request, and how busy the machine's
 * cores were (from {@code /proc/stat}, other processes included): the process budget of the run.
 * With {@code -Dcandor.bench.timeline=<file>} it also writes the measured phase second by second
 * (requests, 201s, other answers, slowest answer), to find stalls in time.
 */
public final class LoadGenerator {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private LoadGenerator() {}

    /** What one phase (warm-up or measurement) saw. */
    static final class Phase {
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        final AtomicLong completed = new AtomicLong();
        volatile long lastCompletion;
        /** By second of intended send: requests, answers 201, other answers, slowest (ms). */
        final Map<Integer, long[]> seconds = new TreeMap<>();

        synchronized void record(long nanos) {
            latency.recordValue(Math.min(nanos, latency.getHighestTrackableValue()));
        }

        synchronized void second(int second, boolean created, long nanos) {
            long[] s = seconds.computeIfAbsent(second, k -> new long[4]);
            s[0]++;
            s[created ? 1 : 2]++;
            s[3] = Math.max(s[3], nanos / 1_000_000);
        }

        /** One line per second of intended send: second, sent, 201, other, slowest (ms). */
        synchronized String timeline() {
            StringBuilder out = new StringBuilder("second,sent,created,other,slowest_ms\n");
            seconds.forEach((k, v) -> out.append(k).append(',').append(v[0]).append(',').append(v[1]).append(',')
                    .append(v[2]).append(',').append(v[3]).append('\n'));
            return out.toString();
        }

        synchronized Histogram snapshot() {
            return latency.copy();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: LoadGenerator url user password [rate] [seconds] [warmup] [posts] [out]");
            System.exit(2);
        }
        URI uri = URI.create(args[0].replaceAll("/+$", "") + "/api/v1/evaluations");
        String auth = "Basic "
                + Base64.getEncoder().encodeToString((args[1] + ":" + args[2]).getBytes(StandardCharsets.UTF_8));
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 15;
        int posts = args.length > 6 ? Integer.parseInt(args[6]) : 10;
        Path out = args.length > 7 ? Path.of(args[7]) : null;
        long servicePid = args.length > 8 ? Long.parseLong(args[8]) : -1;

        CorpusGenerator generator = new CorpusGenerator(CorpusGenerator.SEED);
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            bodies.add(generator.json(i, posts));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(pool)
                .build();

        // One request alone first: the service remembers a checked password, and 200 requests
        // arriving together before it has would all pay the slow check at once.
        HttpResponse<Void> first = client.send(
                HttpRequest.newBuilder(uri)
                        .timeout(TIMEOUT)
                        .header("Authorization", auth)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(0)))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        if (first.statusCode() != 201) {
            throw new IllegalStateException("the first request was answered " + first.statusCode());
        }
        Phase warm = run(client, uri, auth, bodies, rate, warmup, 0);
        CpuUse before = CpuUse.now(servicePid);
        Phase measured = run(client, uri, auth, bodies, rate, seconds, warmup * rate);
        CpuUse after = CpuUse.now(servicePid);
        pool.shutdown();

        StringBuilder report = new StringBuilder();
        report.append(String.format(
                "load: %d requests/s for %d s (after %d s of warm-up: %d requests, %s), %d-post campaigns, open loop%n",
                rate, seconds, warmup, warm.completed.get(), new TreeMap<>(warm.outcomes), posts));
        report.append(summary(measured, rate, seconds));
        report.append(after.since(
                before, measured.outcomes.getOrDefault("201", new AtomicLong()).get(), measured.completed.get()));
        System.out.print(report);
        if (out != null) {
            Files.writeString(out, report.toString());
        }
        String timeline = System.getProperty("candor.bench.timeline");
        if (timeline != null) {
            // where refusals and slow answers fall in time, to set beside the service's logs
            Files.writeString(Path.of(timeline), measured.timeline());
        }
    }

    private static Phase run(
            HttpClient client, URI uri, String auth, List<byte[]> bodies, int rate, int seconds, int offset)
            throws InterruptedException {
        Phase phase = new Phase();
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        int total = rate * seconds;
        // Only a count of the answers still awaited: holding every request's future (as this
        // generator once did) kept the whole run's requests alive, and its own collector then
        // stopped it for up to 260 ms every few seconds, each stop sent on as a burst and a wait.
        CountDownLatch awaited = new CountDownLatch(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long intended = start + i * period;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(TIMEOUT)
                    .header("Authorization", auth)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get((offset + i) % bodies.size())))
                    .build();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, error) -> {
                        long now = System.nanoTime();
                        phase.record(now - intended);
                        phase.second(
                                (int) ((intended - start) / 1_000_000_000L),
                                error == null && response.statusCode() == 201,
                                now - intended);
                        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                                ? error.getCause()
                                : error;
                        String outcome = cause != null
                                ? cause.getClass().getSimpleName()
                                : Integer.toString(response.statusCode());
                        phase.outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                        phase.completed.incrementAndGet();
                        phase.lastCompletion = Math.max(phase.lastCompletion, now - start);
                        awaited.countDown();
                        return null;
                    });
        }
        if (!awaited.await(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
            phase.outcomes.computeIfAbsent("not finished", k -> new AtomicLong()).addAndGet(total - phase.completed.get());
        }
        return phase;
    }

    private static String summary(Phase p, int rate, int seconds) {
        Histogram h = p.snapshot();
        long ok = p.outcomes.getOrDefault("201", new AtomicLong()).get();
        long sent = (long) rate * seconds;
        Map<String, Long> errors = new LinkedHashMap<>();
        new TreeMap<>(p.outcomes).forEach((k, v) -> {
            if (!k.equals("201")) {
                errors.put(k, v.get());
            }
        });
        double elapsed = p.lastCompletion / 1e9;
        return String.format(
                "at %s%n"
                        + "sent %d, answered 201: %d, errors: %d %s%n"
                        + "throughput: %.1f requests/s (201s over %.1f s, first send to last answer)%n"
                        + "latency from intended send (ms): p50 %.1f  p95 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  mean %.1f%n",
                Instant.now(),
                sent,
                ok,
                sent - ok,
                errors,
                ok / elapsed,
                elapsed,
                ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(95)),
                ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)),
                ms(h.getMaxValue()),
                h.getMean() / 1e6);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /**
     * CPU time used so far: this process's, the service's (clock ticks of {@code /proc/<pid>/stat},
     * 100 per second on Linux), and the machine's busy and total time ({@code /proc/stat}).
     */
    record CpuUse(long wallNanos, long ownNanos, long serviceTicks, long machineBusy, long machineTotal, int cores) {
        static final double TICKS_PER_SECOND = 100;

        static CpuUse now(long servicePid) {
            long own = ((com.sun.management.OperatingSystemMXBean)
                            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            long service = -1;
            long busy = -1;
            long total = -1;
            int cores = 0;
            try {
                if (servicePid > 0) {
                    String stat = Files.readString(Path.of("/proc/" + servicePid + "/stat"));
                    // after the command name in parentheses: state is field 3, utime 14, stime 15
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    service = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
                List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
                cores = (int) lines.stream().filter(l -> l.matches("cpu\\d+ .*")).count();
                String[] cpu = lines.get(0).trim().split("\\s+");
                total = 0;
                for (int i = 1; i < Math.min(cpu.length, 9); i++) {
                    total += Long.parseLong(cpu[i]);
                }
                busy = total - Long.parseLong(cpu[4]) - Long.parseLong(cpu[5]); // idle, iowait
            } catch (java.io.IOException | RuntimeException e) {
                // not Linux, or the service is gone: those figures are left out
            }
            return new CpuUse(System.nanoTime(), own, service, busy, total, cores);
        }

        String since(CpuUse before, long created, long answered) {
            double wall = (wallNanos - before.wallNanos) / 1e9;
            double own = (ownNanos - before.ownNanos) / 1e9;
            StringBuilder s = new StringBuilder(String.format(
                    "CPU over the measured phase (%.1f s): generator %.2f cores", wall, own / wall));
            if (serviceTicks >= 0 && before.serviceTicks >= 0) {
                double service = (serviceTicks - before.serviceTicks) / TICKS_PER_SECOND;
                s.append(String.format(
                        ", service %.2f cores (%.2f ms of CPU per 201, %.2f per answer of any status)",
                        service / wall,
                        created == 0 ? 0 : service * 1000 / created,
                        answered == 0 ? 0 : service * 1000 / answered));
            }
            if (machineTotal > before.machineTotal && before.machineBusy >= 0) {
                s.append(String.format(
                        ", machine %.0f %% busy (all processes, %d cores)",
                        100.0 * (machineBusy - before.machineBusy) / (machineTotal - before.machineTotal),
                        cores));
            }
            return s.append(System.lineSeparator()).toString();
        }
    }
}
