package org.candor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, run as a user runs it: Drools must build the rules from inside the
 * executable jar, not only from the IDE's class path. The check of the examples and the bad input
 * run {@code java -jar target/candor.jar}, as the README does; the other commands run through
 * the launcher ({@code ./candor}), the README's way to run a command, which runs the same jar's
 * extracted form on its class data archive when the build made them, and the jar otherwise.
 * (That the launcher prints what the jar prints is {@code LauncherIT}'s.)
 */
class CliJarIT {

    record Result(int code, String out, String err) {}

    /**
     * {@code java -jar target/candor.jar ARGS}, with only the quick compiler as the launcher runs
     * a command (a JVM option: the jar and what it runs are the same).
     */
    static Result java(Path workDir, String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("candor.jar", "target/candor.jar");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-jar",
                Path.of(jar).toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        return run(workDir, cmd);
    }

    /** {@code ./candor ARGS}, on the Java that runs the tests. */
    static Result launcher(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> cmd =
                new ArrayList<>(List.of(Path.of("candor").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        return run(workDir, cmd);
    }

    static Result run(Path workDir, List<String> cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("candor-out", ".txt");
        Path err = Files.createTempFile("candor-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().remove("CANDOR_JAVA_OPTS");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
        return new Result(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void checksTheExamplesFromTheJarAndWritesReadableWorkbooks(@TempDir Path reports) throws Exception {
        Path project = Path.of("").toAbsolutePath();
        Result r = java(project, "check", "examples", "--out", reports.toString());
        assertThat(r.code()).as(r.err()).isIn(0, 1);
        long examples;
        try (var s = Files.list(project.resolve("examples"))) {
            examples = s.filter(f -> f.toString().endsWith(".json")).count();
        }
        assertThat(r.out().lines()).hasSize((int) examples);
        try (var s = Files.list(reports)) {
            List<Path> written = s.toList();
            assertThat(written).hasSize((int) examples);
            for (Path x : written) {
                try (XSSFWorkbook wb = new XSSFWorkbook(x.toFile())) {
                    assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo("Summary");
                }
            }
        }
    }

    @Test
    void printsJsonAndTheCatalogAndRunsTheRuleTests() throws Exception {
        Path project = Path.of("").toAbsolutePath();
        Result json = launcher(project, "check", "src/test/resources/campaigns/spec-example.json", "--format", "json");
        assertThat(json.code()).as(json.err()).isEqualTo(1);
        assertThat(json.out()).contains("\"verdict\" : \"FAIL\"").contains("\"ruleId\" : \"DISC-012\"");

        Result list = launcher(project, "rules", "list");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("CLAIM-011");

        Result tests = launcher(project, "rules", "test");
        assertThat(tests.code()).as(tests.out() + tests.err()).isZero();
        assertThat(tests.out().strip()).endsWith(" passed, 0 failed");
    }

    @Test
    void badInputExitsTwo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.json"), "{ \"formatVersion\": 1, ");
        Result r = java(
                Path.of("").toAbsolutePath(),
                "check",
                dir.resolve("broken.json").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("broken.json: rejected");
    }
}
