package org.candor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher ({@code ./candor}) as a user runs it after {@code ./mvnw package}: it runs the
 * extracted jar on the class data archives the build trained, prints what {@code java -jar
 * target/candor.jar} prints, and runs the jar as it is when the archives are missing, older than
 * the jar, or made by another Java.
 */
class LauncherIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path JAR =
            Path.of(System.getProperty("candor.jar", "target/candor.jar")).toAbsolutePath();
    private static final Path APP = JAR.resolveSibling("candor");
    private static final String CAMPAIGN = "src/test/resources/campaigns/spec-example.json";

    record Result(int code, String out, String err) {}

    /** Links made into temporary folders, removed before JUnit deletes the folders. */
    private final List<Path> links = new ArrayList<>();

    @AfterEach
    void removeLinks() throws IOException {
        for (Path link : links) {
            Files.deleteIfExists(link);
        }
    }

    private void link(Path link, Path target) throws IOException {
        Files.createSymbolicLink(link, target);
        links.add(link);
    }

    static Result run(Path workDir, Map<String, String> env, List<String> cmd)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("candor-out", ".txt");
        Path err = Files.createTempFile("candor-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().remove("CANDOR_JAVA_OPTS");
        // The launcher runs the Java that ran the build, as a user's shell would find it.
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("CANDOR_LAUNCH_TRACE", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("finished in time").isTrue();
        return new Result(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    static Result launcher(Path launcher, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        return run(PROJECT, env, cmd);
    }

    /** {@code java -jar target/candor.jar ARGS}, with only the quick compiler as the launcher runs a command. */
    static Result javaJar(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-jar",
                JAR.toString()));
        cmd.addAll(List.of(args));
        return run(PROJECT, Map.of(), cmd);
    }

    /** {@code java -jar target/candor.jar check CAMPAIGN --format text}, run once for the tests that compare with it. */
    private static Result plainCheck;

    static synchronized Result plainCheck() throws Exception {
        if (plainCheck == null) {
            plainCheck = javaJar("check", CAMPAIGN, "--format", "text");
        }
        return plainCheck;
    }

    /** The line the launcher traces: the java command it runs. */
    static String command(Result r) {
        return r.err()
                .lines()
                .filter(l -> l.startsWith("candor: "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no traced command in " + r.err()));
    }

    /** The archive, which the build must have trained unless told not to (-Dcandor.fast-start.skip). */
    static void assumeArchive(String name) {
        assumeTrue(!Boolean.getBoolean("candor.fast-start.skip"), "the build was told to make no archives");
        assertThat(APP.resolve(name))
                .as("trained by the build; its training run's log is in target/fast-start-training")
                .isRegularFile();
    }

    static void assumeArchives() {
        assumeArchive("cli.jsa");
    }

    @Test
    void checksOnTheArchiveAndPrintsWhatTheJarPrints() throws Exception {
        assumeArchives();
        // -Xshare:on: the JVM refuses to start unless it maps the archive.
        Result fast = launcher(
                PROJECT.resolve("candor"),
                Map.of("CANDOR_JAVA_OPTS", "-Xshare:on"),
                "check",
                CAMPAIGN,
                "--format",
                "text");
        Result plain = plainCheck();

        assertThat(command(fast))
                .contains("-XX:SharedArchiveFile=" + APP.resolve("cli.jsa"))
                .contains("-jar " + APP.resolve("candor.jar"));
        assertThat(fast.code()).as(fast.err()).isEqualTo(1).isEqualTo(plain.code());
        assertThat(fast.out()).contains("ACME-SPRING-26").contains("DISC-012").isEqualTo(plain.out());
        assertThat(fast.out()).doesNotContain("[warning]");
    }

    @Test
    void badInputExitsTwoAsTheJarDoes(@TempDir Path dir) throws Exception {
        assumeArchives();
        Files.writeString(dir.resolve("broken.json"), "{ \"formatVersion\": 1, ");
        Result r = launcher(
                PROJECT.resolve("candor"),
                Map.of(),
                "check",
                dir.resolve("broken.json").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("broken.json: rejected");
    }

    @Test
    void startsTheServiceOnItsArchive(@TempDir Path dir) throws Exception {
        assumeArchive("service.jsa");
        // The service's context is made and closed again (as in the build's training run).
        List<String> cmd = List.of(
                PROJECT.resolve("candor").toString(),
                "--spring.profiles.active=demo",
                "--server.port=0",
                "--candor.rules-dir=" + PROJECT.resolve("rules"),
                "--candor.rules-watch.enabled=false");
        Result r = run(dir, Map.of("CANDOR_JAVA_OPTS", "-Xshare:on -Dspring.context.exit=onRefresh"), cmd);
        assertThat(command(r)).contains("-XX:SharedArchiveFile=" + APP.resolve("service.jsa"));
        assertThat(command(r)).doesNotContain("TieredStopAtLevel");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
    }

    /** A copy of the launcher in a folder of its own, with target/candor.jar being the real jar. */
    Path layout(Path root) throws IOException {
        Files.createDirectories(root.resolve("target"));
        Files.copy(PROJECT.resolve("candor"), root.resolve("candor"), StandardCopyOption.COPY_ATTRIBUTES);
        link(root.resolve("target/candor.jar"), JAR);
        return root.resolve("candor");
    }

    /** An extracted form beside it: its small jar copied (with the time given), the rest linked. */
    void extracted(Path root, FileTime jarTime, String javaHome) throws IOException {
        Path app = Files.createDirectories(root.resolve("target/candor"));
        Files.copy(APP.resolve("candor.jar"), app.resolve("candor.jar"));
        Files.setLastModifiedTime(app.resolve("candor.jar"), jarTime);
        link(app.resolve("lib"), APP.resolve("lib"));
        link(app.resolve("cli.jsa"), APP.resolve("cli.jsa"));
        Files.writeString(app.resolve("java-home"), javaHome);
    }

    @Test
    void runsTheJarWhenThereAreNoArchives(@TempDir Path root) throws Exception {
        Path launcher = layout(root);
        Result r = launcher(launcher, Map.of(), "check", CAMPAIGN, "--format", "text");
        assertThat(command(r))
                .doesNotContain("SharedArchiveFile")
                .contains("-jar " + root.resolve("target/candor.jar"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(plainCheck().out());
    }

    @Test
    void runsTheJarWhenTheArchivesAreOlderThanIt(@TempDir Path root) throws Exception {
        assumeArchives();
        Path launcher = layout(root);
        // Extracted before the jar was last built: what it holds may be of an earlier build.
        extracted(
                root,
                FileTime.from(Files.getLastModifiedTime(JAR).toInstant().minusSeconds(3600)),
                System.getProperty("java.home"));
        Result r = launcher(launcher, Map.of(), "--version");
        assertThat(command(r))
                .doesNotContain("SharedArchiveFile")
                .contains("-jar " + root.resolve("target/candor.jar"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("candor ");
    }

    @Test
    void runsTheJarWhenTheArchivesAreOfAnotherJava(@TempDir Path root) throws Exception {
        assumeArchives();
        Path launcher = layout(root);
        extracted(
                root, FileTime.from(Instant.now()), root.resolve("another-jdk").toString());
        Result r = launcher(launcher, Map.of(), "--version");
        assertThat(command(r))
                .doesNotContain("SharedArchiveFile")
                .contains("-jar " + root.resolve("target/candor.jar"));
        assertThat(r.code()).isZero();

        // The same layout made by this Java is used: the check above is what told them apart.
        Files.writeString(root.resolve("target/candor/java-home"), System.getProperty("java.home"));
        Result same = launcher(launcher, Map.of(), "--version");
        assertThat(command(same)).contains("-XX:SharedArchiveFile=" + root.resolve("target/candor/cli.jsa"));
        assertThat(same.code()).isZero();
        assertThat(same.out()).isEqualTo(r.out());
    }

    @Test
    void findsItsProjectWhenRunThroughALink(@TempDir Path bin) throws Exception {
        assumeArchives();
        link(bin.resolve("candor"), PROJECT.resolve("candor"));
        List<String> cmd = List.of(bin.resolve("candor").toString(), "--version");
        Result r = run(bin, Map.of(), cmd);
        assertThat(command(r)).contains("-jar " + APP.resolve("candor.jar"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo(javaJar("--version").out());
    }

    @Test
    void saysWhenThereIsNoJar(@TempDir Path root) throws Exception {
        Files.copy(PROJECT.resolve("candor"), root.resolve("candor"), StandardCopyOption.COPY_ATTRIBUTES);
        Result r = launcher(root.resolve("candor"), Map.of(), "--version");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("target/candor.jar is missing").contains("./mvnw -q -DskipTests package");
    }
}
