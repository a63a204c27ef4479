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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
 * campaign] [result file]}; defaults 200/s, 60 s, 15 s, 10 posts.
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

        synchronized void record(long nanos) {
            latency.recordValue(Math.min(nanos, latency.getHighestTrackableValue()));
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
        Phase measured = run(client, uri, auth, bodies, rate, seconds, warmup * rate);
        pool.shutdown();

        StringBuilder report = new StringBuilder();
        report.append(String.format(
                "load: %d requests/s for %d s (after %d s of warm-up: %d requests, %s), %d-post campaigns, open loop%n",
                rate, seconds, warmup, warm.completed.get(), new TreeMap<>(warm.outcomes), posts));
        report.append(summary(measured, rate, seconds));
        System.out.print(report);
        if (out != null) {
            Files.writeString(out, report.toString());
        }
    }

    private static Phase run(
            HttpClient client, URI uri, String auth, List<byte[]> bodies, int rate, int seconds, int offset)
            throws InterruptedException {
        Phase phase = new Phase();
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        int total = rate * seconds;
        List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
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
            inFlight.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, error) -> {
                        long now = System.nanoTime();
                        phase.record(now - intended);
                        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                                ? error.getCause()
                                : error;
                        String outcome = cause != null
                                ? cause.getClass().getSimpleName()
                                : Integer.toString(response.statusCode());
                        phase.outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                        phase.completed.incrementAndGet();
                        phase.lastCompletion = Math.max(phase.lastCompletion, now - start);
                        return null;
                    }));
        }
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                    .get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (Exception e) {
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

}
