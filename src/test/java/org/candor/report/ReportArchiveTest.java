package org.candor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.campaign.CampaignReader;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Evaluator;
import org.candor.evaluation.Finding;
import org.candor.intake.StoredEvaluation;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;
import org.candor.support.HeldWork;
import org.candor.system.CandorProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

/**
 * The reports folder's copies, written off the request thread: on disk, counted, never in the way
 * of the submissions, none lost and none written twice.
 */
class ReportArchiveTest {

    static EvaluationResult result;

    static final String ID = "3f0c2a51-7d7e-4c55-9d55-0c7c1e9f6d10";

    @TempDir
    Path dir;

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void evaluate() throws Exception {
        RuleSet rules = new RuleSetLoader().load(Path.of("rules"));
        result = new Evaluator(java.time.Clock.fixed(Instant.parse("2026-10-20T14:05:09Z"), java.time.ZoneOffset.UTC))
                .evaluate(
                        new CampaignReader()
                                .read(Files.readAllBytes(Path.of("src/test/resources/campaigns/spec-example.json"))),
                        rules);
    }

    ReportArchive archive(Path reports) {
        return archive(reports, ReportArchive.QUEUE);
    }

    ReportArchive archive(Path reports, int queue) {
        return new ReportArchive(
                new CandorProperties(reports, 2000, DataSize.ofMegabytes(5), List.of()),
                meters,
                new ExcelReportWriter(),
                store,
                busy::get,
                CopyPacing.off(),
                queue,
                true);
    }

    /** The stored evaluations, as the catch-up sees them. */
    final FakeStore store = new FakeStore();

    /** Whether every evaluation thread is taken. */
    final AtomicBoolean busy = new AtomicBoolean();

    static final class FakeStore implements ReportArchive.Stored {
        final Map<String, StoredEvaluation> evaluations = new ConcurrentHashMap<>();
        final AtomicInteger reads = new AtomicInteger();

        /** Stores an evaluation made now, as intake does before it asks for the copy; returns its id. */
        String add(EvaluationResult r) {
            String id = UUID.randomUUID().toString();
            evaluations.put(
                    id, new StoredEvaluation(id, "s-" + id, "northwind", "api", r.withEvaluatedAt(Instant.now())));
            return id;
        }

        @Override
        public List<String> evaluationIds(Instant since) {
            return evaluations.values().stream()
                    .filter(e -> since == null || !e.result().evaluatedAt().isBefore(since))
                    .map(StoredEvaluation::id)
                    .sorted()
                    .toList();
        }

        @Override
        public Optional<StoredEvaluation> evaluation(String id) {
            reads.incrementAndGet();
            return Optional.ofNullable(evaluations.get(id));
        }
    }

    /** Submits an evaluation as intake does: stored first, then its copy asked for. */
    String submit(ReportArchive archive) {
        String id = store.add(result);
        StoredEvaluation e = store.evaluations.get(id);
        archive.archive(id, e.result(), e.submittedBy());
        return id;
    }

    List<String> copies() throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> !n.endsWith(".part"))
                    .sorted()
                    .toList();
        }
    }

    static String nameOf(String id) {
        return ExcelReportWriter.archiveNameFor(id, result);
    }

    double count(String outcome) {
        return meters.get("candor.reports.archived")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    @Test
    void aQueuedWorkbookIsOnDiskAfterFlushAndOpensWithPoi() throws Exception {
        ReportArchive archive = archive(dir);
        archive.archive(ID, result, "northwind");
        assertThat(archive.flush(Duration.ofSeconds(30))).isTrue();

        Path file = dir.resolve(ExcelReportWriter.archiveNameFor(ID, result));
        assertThat(file).exists();
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(file))) {
            assertThat(wb.getSheet("Findings").getLastRowNum())
                    .isEqualTo(result.findings().size());
        }
        assertThat(count("written")).isEqualTo(1);
        archive.destroy();
    }

    static EvaluationResult ofAgency(String agency) {
        return result.withAgency(agency);
    }

    @Test
    void copiesAreNamedByAgencyEvaluationAndReferenceSoNoneReplacesAnother() throws Exception {
        ReportArchive archive = archive(dir);
        EvaluationResult northwind = ofAgency("Northwind Media");
        EvaluationResult lumen = ofAgency("Lumen Collective");
        archive.archive("11111111-1111-1111-1111-111111111111", northwind, "northwind");
        archive.archive("22222222-2222-2222-2222-222222222222", lumen, "lumen");
        archive.archive("33333333-3333-3333-3333-333333333333", northwind, "northwind");
        assertThat(archive.flush(Duration.ofSeconds(30))).isTrue();

        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "Northwind_Media_11111111-1111-1111-1111-111111111111_ACME-SPRING-26.xlsx",
                            "Lumen_Collective_22222222-2222-2222-2222-222222222222_ACME-SPRING-26.xlsx",
                            "Northwind_Media_33333333-3333-3333-3333-333333333333_ACME-SPRING-26.xlsx");
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(
                dir.resolve("Northwind_Media_11111111-1111-1111-1111-111111111111_ACME-SPRING-26.xlsx")))) {
            assertThat(wb.getSheet("Summary").getRow(1).getCell(1).getStringCellValue())
                    .as("Northwind's copy is Northwind's report")
                    .isEqualTo("Northwind Media");
        }
        assertThat(count("written")).isEqualTo(3);
        archive.destroy();
    }

    @Test
    void aHostileAgencyOrIdStaysInsideTheFolder() {
        for (String hostile : List.of("../../etc", "a/b\\c", "..", "", "nul\u0000byte", "x".repeat(500))) {
            String name = ExcelReportWriter.archiveNameFor(hostile, ofAgency(hostile));
            assertThat(name)
                    .as(hostile)
                    .matches("[A-Za-z0-9][A-Za-z0-9._-]*_[A-Za-z0-9][A-Za-z0-9._-]*_ACME-SPRING-26\\.xlsx")
                    .doesNotContain("..")
                    .doesNotContain("/");
            assertThat(dir.resolve(name).normalize().getParent()).isEqualTo(dir);
        }
    }

    @Test
    void aFolderThatCannotBeWrittenIsCountedAndLoggedNotThrown() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
        ReportArchive archive = archive(notAFolder);
        archive.archive(ID, result, "northwind");
        assertThat(archive.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(count("failed")).isEqualTo(1);
        assertThat(count("written")).isZero();
        archive.destroy();
    }

    @Test
    void whenTheQueueIsFullACopyIsSkippedAndCountedAndTheCallerDoesNotWait() throws Exception {
        int queue = 3;
        ReportArchive archive = archive(dir, queue);
        CountDownLatch hold = holdWriter(archive);
        for (int i = 0; i < queue; i++) {
            submit(archive);
        }
        assertThat(archive.pending()).isEqualTo(queue);
        submit(archive);
        assertThat(count("skipped")).isEqualTo(1);
        assertThat(archive.flush(Duration.ofMillis(10)))
                .as("a full queue takes no marker either")
                .isFalse();
        hold.countDown();
        archive.destroy();
        assertThat(count("written")).isEqualTo(queue);
    }

    @Test
    void copiesSkippedWhileTheQueueWasFullAreWrittenOnceItHasDrainedEachOnce() throws Exception {
        int queue = 3;
        ReportArchive archive = archive(dir, queue);
        CountDownLatch hold = holdWriter(archive);
        List<String> ids = submitPastAFullQueue(archive, queue, 4);
        hold.countDown();

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(copies()).hasSize(ids.size()));
        assertThat(copies())
                .containsExactlyInAnyOrderElementsOf(
                        ids.stream().map(ReportArchiveTest::nameOf).toList());
        assertThat(count("written")).isEqualTo(queue);
        assertThat(count("caught_up")).as("the skipped ones, by the catch-up").isEqualTo(4);

        // more submissions after the catch-up: each copy written once, none of the others again
        String later = submit(archive);
        assertThat(archive.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(copies()).contains(nameOf(later)).hasSize(ids.size() + 1);
        assertThat(count("written") + count("caught_up")).isEqualTo(ids.size() + 1);
        assertThat(count("failed")).isZero();
        archive.destroy();
    }

    @Test
    void onStartTheCopiesMissingFromTheFolderAreWrittenAndThoseThereAreLeftAlone() throws Exception {
        // a first run wrote two copies, then stopped (or crashed) before writing the third
        ReportArchive first = archive(dir);
        String a = submit(first);
        String b = submit(first);
        first.destroy();
        String c = store.add(result);
        Path copyOfA = dir.resolve(nameOf(a));
        Files.setLastModifiedTime(
                copyOfA, java.nio.file.attribute.FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));

        ReportArchive restarted = archive(dir);
        restarted.catchUp();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(copies()).containsExactlyInAnyOrder(nameOf(a), nameOf(b), nameOf(c)));
        restarted.destroy();
        assertThat(count("caught_up")).as("only the missing one").isEqualTo(1);
        assertThat(Files.getLastModifiedTime(copyOfA).toInstant())
                .as("a copy already there is not written again")
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(dir.resolve(nameOf(c))))) {
            assertThat(wb.getSheet("Findings").getLastRowNum())
                    .isEqualTo(result.findings().size());
        }
    }

    @Test
    void aCopyAskedForTwiceIsWrittenOnce() throws Exception {
        ReportArchive archive = archive(dir);
        String id = store.add(result);
        StoredEvaluation e = store.evaluations.get(id);
        archive.archive(id, e.result(), e.submittedBy());
        archive.archive(id, e.result(), e.submittedBy());
        archive.catchUp();
        assertThat(archive.flush(Duration.ofSeconds(30))).isTrue();
        archive.destroy();
        assertThat(copies()).containsExactly(nameOf(id));
        assertThat(count("written") + count("caught_up")).isEqualTo(1);
    }

    @Test
    void whileEveryEvaluationThreadIsTakenTheCopiesWait() throws Exception {
        ReportArchive archive = archive(dir);
        busy.set(true);
        String id = submit(archive);
        assertThat(archive.flush(Duration.ofMillis(500)))
                .as("the copy waits for the evaluation threads")
                .isFalse();
        assertThat(copies()).isEmpty();
        busy.set(false);
        assertThat(archive.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(copies()).containsExactly(nameOf(id));
        archive.destroy();
    }

    @Test
    void whileSubmissionsArriveTheCopiesArePacedAndTheSkippedOnesAreAllWrittenOnceItIsQuiet() throws Exception {
        int queue = 3;
        AtomicBoolean arriving = new AtomicBoolean(true);
        AtomicLong cpu = new AtomicLong();
        List<Long> pauses = new CopyOnWriteArrayList<>();
        CountDownLatch paused = new CountDownLatch(1);
        // each copy takes 4 ms of the writer's processor, as the fake clock tells it (read before and after)
        CopyPacing pacing = new CopyPacing(0.25, arriving::get, () -> cpu.addAndGet(4_000_000), nanos -> {
            pauses.add(nanos);
            paused.countDown();
            Thread.sleep(nanos / 1_000_000);
        });
        ReportArchive archive = new ReportArchive(
                new CandorProperties(dir, 2000, DataSize.ofMegabytes(5), List.of()),
                meters,
                new ExcelReportWriter(),
                store,
                busy::get,
                pacing,
                queue,
                true);
        CountDownLatch hold = holdWriter(archive);
        List<String> ids = submitPastAFullQueue(archive, queue, 4);
        hold.countDown();
        assertThat(paused.await(30, TimeUnit.SECONDS))
                .as("the writer pauses after a copy while submissions arrive")
                .isTrue();
        assertThat(pauses.get(0))
                .as("4 ms of copy at a quarter of a core: 12 ms")
                .isEqualTo(12_000_000);

        arriving.set(false);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(copies()).hasSize(ids.size()));
        assertThat(copies())
                .containsExactlyInAnyOrderElementsOf(
                        ids.stream().map(ReportArchiveTest::nameOf).toList());
        assertThat(count("written")).isEqualTo(queue);
        assertThat(count("caught_up")).as("the skipped ones, by the catch-up").isEqualTo(4);
        assertThat(count("failed")).isZero();
        archive.destroy();
    }

    @Test
    void aFullQueueIsLoggedOncePerBurstNotOncePerSkippedCopy() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger archiveLog = (Logger) LoggerFactory.getLogger(ReportArchive.class);
        log.start();
        archiveLog.addAppender(log);
        try {
            int queue = 3;
            ReportArchive archive = archive(dir, queue);
            for (int burst = 1; burst <= 2; burst++) {
                CountDownLatch hold = holdWriter(archive);
                // the writer has taken the task that holds it (after the first burst it went through the queue)
                await().atMost(Duration.ofSeconds(30)).until(() -> archive.pending() == 0);
                for (int i = 0; i < queue + 5; i++) {
                    submit(archive);
                }
                hold.countDown();
                int copiesSoFar = burst * (queue + 5);
                await().atMost(Duration.ofSeconds(60))
                        .untilAsserted(() -> assertThat(copies()).hasSize(copiesSoFar));
            }
            assertThat(count("skipped")).isEqualTo(10);
            assertThat(log.list.stream()
                            .filter(e -> e.getLevel() == Level.WARN)
                            .map(ILoggingEvent::getFormattedMessage))
                    .as("one warning for each of the two bursts")
                    .hasSize(2)
                    .allSatisfy(m -> assertThat(m).contains("not copied to"));
            archive.destroy();
        } finally {
            archiveLog.detachAppender(log);
        }
    }

    @Test
    void aCopyThatFailedIsNotRetriedAtOnceOverAndOver() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
        ReportArchive archive = archive(notAFolder);
        submit(archive);
        assertThat(archive.flush(Duration.ofSeconds(30))).isTrue();
        Thread.sleep(300);
        assertThat(archive.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(count("failed"))
                .as("the copy, then one try of the catch-up; the next waits a minute")
                .isEqualTo(2);
        archive.destroy();
    }

    @Test
    void shutdownWritesWhatIsQueuedFirst() throws Exception {
        ReportArchive archive = archive(dir);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(submit(archive));
        }
        archive.destroy();
        assertThat(count("written")).isEqualTo(5);
        assertThat(copies())
                .containsExactlyInAnyOrderElementsOf(
                        ids.stream().map(ReportArchiveTest::nameOf).toList());
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".part")))
                    .as("no partial files left")
                    .isEmpty();
        }
    }

    /**
     * A stop that comes while a copy is being written lets that copy end, whole, and drops the
     * copies not begun. The writer's thread is not interrupted: the same thread reads stored
     * evaluations for the catch-up, from the embedded database's file, and the JDK closes a file
     * channel whose thread is interrupted in it, under every connection.
     */
    @Test
    void aStopWhileACopyIsWrittenLetsItEndAndDropsTheCopiesNotBegun() throws Exception {
        ReportArchive archive = archive(dir);
        HeldWork hold = new HeldWork();
        archive.archive(ID, result.withFindings(heldHalfway(result.findings(), hold)), "api");
        assertThat(hold.reached(Duration.ofSeconds(30)))
                .as("the copy's findings are being written")
                .isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".part")))
                    .as("the copy's partial file, open")
                    .hasSize(1);
        }
        List<String> notBegun = List.of(submit(archive), submit(archive), submit(archive));
        assertThat(archive.pending()).isEqualTo(notBegun.size());

        // Held until the stop has waited for the queue and dropped what was not begun.
        assertThat(hold.stopWhileHeld(() -> archive.stop(Duration.ofMillis(100)), stop -> archive.pending() == 0))
                .as("the stop returned")
                .isTrue();
        assertThat(archive.writer.isTerminated()).as("the writer ended").isTrue();
        assertThat(hold.interrupted())
                .as("the copy's thread interrupted by the stop")
                .isFalse();
        assertThat(copies())
                .as("the copy under way, and none of those not begun")
                .containsExactly(nameOf(ID));
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(dir.resolve(nameOf(ID))))) {
            assertThat(wb.getSheet("Findings").getLastRowNum())
                    .as("every finding, after the held one too")
                    .isEqualTo(result.findings().size());
            assertThat(IntStream.range(0, wb.getNumberOfSheets()).mapToObj(wb::getSheetName))
                    .as("every sheet")
                    .containsExactlyElementsOf(ExcelReportWriter.SHEETS);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".part")))
                    .as("no partial files left")
                    .isEmpty();
        }
        assertThat(count("written")).isEqualTo(1);
        assertThat(count("failed")).isZero();
    }

    @Test
    void copiesTurnedOffWriteNothing() throws Exception {
        ReportArchive archive = new ReportArchive(
                new CandorProperties(dir, 2000, DataSize.ofMegabytes(5), List.of()),
                meters,
                new ExcelReportWriter(),
                store,
                busy::get,
                CopyPacing.off(),
                ReportArchive.QUEUE,
                false);
        store.add(result);
        archive.catchUp();
        archive.archive(ID, result, "northwind");
        assertThat(archive.flush(Duration.ofSeconds(30))).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        assertThat(count("written") + count("skipped") + count("failed")).isZero();
        archive.destroy();
    }

    /** The findings, read by the writer one by one: the first read of the middle one is held by {@code hold}. */
    private static List<Finding> heldHalfway(List<Finding> findings, HeldWork hold) {
        assertThat(findings).as("findings to hold the copy between").hasSizeGreaterThan(1);
        int middle = findings.size() / 2;
        return new AbstractList<>() {
            @Override
            public Finding get(int index) {
                if (index == middle) {
                    hold.here();
                }
                return findings.get(index);
            }

            @Override
            public int size() {
                return findings.size();
            }
        };
    }

    /** Keeps the archive's writer thread busy until the latch returned is counted down. */
    private static CountDownLatch holdWriter(ReportArchive archive) {
        CountDownLatch hold = new CountDownLatch(1);
        archive.writer.execute(() -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return hold;
    }

    /** Submits {@code queue + over} evaluations to a held writer: the last {@code over} are skipped. */
    private List<String> submitPastAFullQueue(ReportArchive archive, int queue, int over) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < queue + over; i++) {
            ids.add(submit(archive));
        }
        assertThat(count("skipped")).isEqualTo(over);
        return ids;
    }
}
