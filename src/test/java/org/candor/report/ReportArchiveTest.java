package org.candor.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.campaign.CampaignReader;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Evaluator;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;
import org.candor.system.CandorProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The reports folder's copies, written off the request thread: on disk, counted, never in the way. */
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
                new CandorProperties(reports, 2000, DataSize.ofMegabytes(5), List.of()), meters, queue, true);
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
        CountDownLatch hold = new CountDownLatch(1);
        archive.writer.execute(() -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < queue; i++) {
            archive.archive(ID, result, "northwind");
        }
        assertThat(archive.pending()).isEqualTo(queue);
        archive.archive(ID, result, "northwind");
        assertThat(count("skipped")).isEqualTo(1);
        assertThat(archive.flush(Duration.ofMillis(10)))
                .as("a full queue takes no marker either")
                .isFalse();
        hold.countDown();
        archive.destroy();
        assertThat(count("written")).isEqualTo(queue);
    }

    @Test
    void shutdownWritesWhatIsQueuedFirst() throws Exception {
        ReportArchive archive = archive(dir);
        for (int i = 0; i < 5; i++) {
            archive.archive(ID, result, "northwind");
        }
        archive.destroy();
        assertThat(count("written")).isEqualTo(5);
        assertThat(dir.resolve(ExcelReportWriter.archiveNameFor(ID, result))).exists();
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".part")))
                    .as("no partial files left")
                    .isEmpty();
        }
    }

    @Test
    void copiesTurnedOffWriteNothing() throws Exception {
        ReportArchive archive =
                new ReportArchive(new CandorProperties(dir, 2000, DataSize.ofMegabytes(5), List.of()), meters, false);
        archive.archive(ID, result, "northwind");
        assertThat(archive.flush(Duration.ofSeconds(30))).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        assertThat(count("written") + count("skipped") + count("failed")).isZero();
        archive.destroy();
    }
}
