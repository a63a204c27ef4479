package org.candor.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.candor.CandorApplication;
import org.candor.campaign.CampaignReader;
import org.candor.intake.IntakeService;
import org.candor.report.ReportArchive;
import org.candor.system.Account;
import org.candor.system.Role;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * CPU time of the service per submission, without HTTP: the application started in this process
 * (H2 in a fresh temp folder, or the database of the extra arguments), campaigns of the load
 * generator's corpus handed to {@link IntakeService#submit} one after another, as the agency user
 * northwind. Prints, per pass, the CPU time of the whole process (request thread, evaluation
 * thread, database, GC, compiler) and of the submitting thread (reading and storing) per
 * submission, in microseconds; the median of the passes after the warm-up. For A/B comparisons on
 * a busy machine, where wall time means little. Run it under JFR to see where the time goes.
 * The copies of the reports folder are off unless {@code --candor.reports-copy=true} is given;
 * when on, each pass waits for its copies, so they count in the pass. {@code
 * -Dcandor.bench.h2-settings=";RETENTION_TIME=1000"} adds settings to the embedded database's URL.
 *
 * <p>Usage: {@code IntakeCpuTime [warm passes] [passes] [campaigns per pass] [more service
 * arguments…]}, from the repository root (it reads {@code rules/}).
 *
 * <p>On Linux each pass also prints where the process CPU went, by group of threads (the JVM's
 * own, such as the collector's and the compilers', included), read from {@code /proc/self/task}.
 */
public final class IntakeCpuTime {

    private IntakeCpuTime() {}

    /**
     * With {@code -Dcandor.bench.read}: CPU per body of reading alone, the former way (a whole tree
     * for the syntax, then the campaign reader) against the one read of {@code readBody}.
     */
    private static void readOnly(List<byte[]> bodies, int warm, int runs) throws Exception {
        CampaignReader reader = new CampaignReader();
        ObjectMapper syntax = CampaignReader.strictMapper()
                .rebuild()
                .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String way : List.of("tree then campaign", "readBody", "tree then campaign", "readBody")) {
            double[] cpu = new double[runs];
            for (int r = -warm; r < runs; r++) {
                long t0 = threads.getCurrentThreadCpuTime();
                int sink = 0;
                for (byte[] body : bodies) {
                    if (way.equals("readBody")) {
                        sink += reader.readBody(body).posts().size();
                    } else {
                        sink += syntax.readTree(body).size();
                        sink += reader.read(body).posts().size();
                    }
                }
                if (r >= 0) {
                    cpu[r] = (threads.getCurrentThreadCpuTime() - t0) / 1000.0 / bodies.size();
                }
                if (sink < 0) {
                    throw new IllegalStateException();
                }
            }
            Arrays.sort(cpu);
            System.out.printf("%s: CPU per body median %.1f us, best %.1f us%n", way, cpu[runs / 2], cpu[0]);
        }
    }

    public static void main(String[] args) throws Exception {
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Path work = Files.createTempDirectory("candor-intake-cpu");
        List<String> more = Arrays.asList(args).subList(Math.min(args.length, 3), args.length);
        List<String> service = new ArrayList<>(List.of(
                "--spring.profiles.active=demo",
                "--server.port=0",
                "--candor.rules-dir=" + Path.of("rules").toAbsolutePath(),
                "--candor.reports-dir=" + work.resolve("reports"),
                "--spring.datasource.url=jdbc:h2:file:" + work.resolve("candor")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"
                        + System.getProperty("candor.bench.h2-settings", "")));
        if (more.stream().noneMatch(a -> a.startsWith("--candor.reports-copy="))) {
            service.add("--candor.reports-copy=false");
        }
        service.addAll(more);
        CorpusGenerator corpus = new CorpusGenerator(CorpusGenerator.SEED);
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bodies.add(corpus.json(i, 10));
        }
        if (System.getProperty("candor.bench.read") != null) {
            readOnly(bodies, warm, runs);
            return;
        }
        Account northwind = new Account("northwind", Role.AGENCY, "Northwind Media");
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (ConfigurableApplicationContext context =
                new SpringApplicationBuilder(CandorApplication.class).run(service.toArray(String[]::new))) {
            IntakeService intake = context.getBean(IntakeService.class);
            ReportArchive archive = context.getBean(ReportArchive.class);
            double[] process = new double[runs];
            double[] thread = new double[runs];
            for (int r = -warm; r < runs; r++) {
                Map<String, Long> g0 = cpuByThreadGroup();
                long p0 = os.getProcessCpuTime();
                long t0 = threads.getCurrentThreadCpuTime();
                long a0 = allocatedBytes(threads);
                long w0 = System.nanoTime();
                for (byte[] body : bodies) {
                    intake.submit(body, "application/json", northwind);
                }
                // the report copies of the pass (when on) are written off the request: count them too
                archive.flush(Duration.ofMinutes(5));
                double p = (os.getProcessCpuTime() - p0) / 1000.0 / count;
                double t = (threads.getCurrentThreadCpuTime() - t0) / 1000.0 / count;
                double w = (System.nanoTime() - w0) / 1000.0 / count;
                double kib = (allocatedBytes(threads) - a0) / 1024.0 / count;
                System.out.printf(
                        "%s pass: process CPU %.0f us, submitting thread %.0f us, wall %.0f us, allocated %.0f KiB"
                                + " per submission%n",
                        r < 0 ? "warm-up" : "measured", p, t, w, kib);
                System.out.println("  by threads (us per submission): " + perSubmission(g0, cpuByThreadGroup(), count));
                Path file = work.resolve("candor.mv.db");
                if (Files.exists(file)) {
                    System.out.printf("  embedded database file: %.1f MiB%n", Files.size(file) / 1048576.0);
                }
                if (r >= 0) {
                    process[r] = p;
                    thread[r] = t;
                }
            }
            Arrays.sort(process);
            Arrays.sort(thread);
            System.out.printf(
                    "median of %d passes of %d: process CPU %.0f us per submission (%.0f submissions/s of CPU),"
                            + " submitting thread %.0f us%n",
                    runs, count, process[runs / 2], 1e6 / process[runs / 2], thread[runs / 2]);
        }
    }

    /**
     * Bytes allocated so far by the process's live threads (the JDK's per-thread count; a thread
     * that ended takes its count with it, as for the CPU below).
     */
    static long allocatedBytes(ThreadMXBean threads) {
        long total = 0;
        for (long a : ((com.sun.management.ThreadMXBean) threads).getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, a);
        }
        return total;
    }

    /**
     * CPU time so far of the process's live threads, in nanoseconds, summed by group: the thread's
     * name without its trailing number ("GC Thread#1" and "GC Thread#0" are one group). Empty where
     * {@code /proc/self/task} cannot be read. A thread that ended takes its time with it.
     */
    static Map<String, Long> cpuByThreadGroup() {
        Map<String, Long> groups = new TreeMap<>();
        long nanosPerTick = 10_000_000L; // USER_HZ is 100 on Linux
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // after the name: state is field 3, utime field 14 and stime field 15 of the whole line
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    String group = name.replaceAll("[#\\-]?\\d+$", "");
                    groups.merge(group, ticks * nanosPerTick, Long::sum);
                } catch (java.io.IOException | RuntimeException ended) {
                    // the thread ended while being read
                }
            }
        } catch (java.io.IOException notLinux) {
            return Map.of();
        }
        return groups;
    }

    private static String perSubmission(Map<String, Long> before, Map<String, Long> after, int count) {
        StringBuilder out = new StringBuilder();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.append(String.format("%s %.0f; ", e.getKey(), e.getValue() / 1000.0 / count)));
        return out.toString();
    }
}
