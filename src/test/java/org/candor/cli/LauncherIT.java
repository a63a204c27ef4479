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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher ({@code ./candor}) as a user runs it after {@code ./mvnw package}: it runs the
 * extracted jar on the class data archives the build trained, prints what {@code java -jar
 * target/candor.jar} prints, and runs the jar as it is when the archives are missing, older than
 * the jar, or made by another Java; on Java 25 it runs the AOT cache a build on that Java leaves.
 */
class LauncherIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path JAR =
            Path.of(System.getProperty("candor.jar", "target/candor.jar")).toAbsolutePath();
    private static final Path APP = JAR.resolveSibling("candor");
    private static final String CAMPAIGN = "src/test/resources/campaigns/spec-example.json";

    /** What the build trained on this Java: AOT caches on Java 25 or later, class data archives before. */
    private static final boolean AOT_CACHE = Runtime.version().feature() >= 25;

    /** The archive of a kind ({@code cli}, {@code service}) as this Java's build names it. */
    static String archive(String kind) {
        return kind + (AOT_CACHE ? ".aot" : ".jsa");
    }

    /** The option that makes the JVM use an archive of this Java's kind. */
    static String uses(Path archive) {
        return (AOT_CACHE ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive;
    }

    /** The option that makes the JVM refuse to start unless it maps the archive. */
    private static final String ARCHIVE_REQUIRED = AOT_CACHE ? "-XX:AOTMode=on" : "-Xshare:on";

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
        assumeArchive(archive("cli"));
    }

    @Test
    void checksOnTheArchiveAndPrintsWhatTheJarPrints() throws Exception {
        assumeArchives();
        Result fast = launcher(
                PROJECT.resolve("candor"),
                Map.of("CANDOR_JAVA_OPTS", ARCHIVE_REQUIRED),
                "check",
                CAMPAIGN,
                "--format",
                "text");
        Result plain = plainCheck();

        assertThat(command(fast))
                .contains(uses(APP.resolve(archive("cli"))))
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
        assumeArchive(archive("service"));
        // The service's context is made and closed again (as in the build's training run).
        List<String> cmd = List.of(
                PROJECT.resolve("candor").toString(),
                "--spring.profiles.active=demo",
                "--server.port=0",
                "--candor.rules-dir=" + PROJECT.resolve("rules"),
                "--candor.rules-watch.enabled=false");
        Result r = run(dir, Map.of("CANDOR_JAVA_OPTS", ARCHIVE_REQUIRED + " -Dspring.context.exit=onRefresh"), cmd);
        assertThat(command(r)).contains(uses(APP.resolve(archive("service"))));
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
        link(app.resolve(archive("cli")), APP.resolve(archive("cli")));
        Files.writeString(app.resolve("java-home"), javaHome);
    }

    @Test
    void runsTheJarWhenThereAreNoArchives(@TempDir Path root) throws Exception {
        Path launcher = layout(root);
        Result r = launcher(launcher, Map.of(), "check", CAMPAIGN, "--format", "text");
        assertThat(command(r))
                .doesNotContain("SharedArchiveFile")
                .doesNotContain("AOTCache")
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
                .doesNotContain("AOTCache")
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
                .doesNotContain("AOTCache")
                .contains("-jar " + root.resolve("target/candor.jar"));
        assertThat(r.code()).isZero();

        // The same layout made by this Java is used: the check above is what told them apart.
        Files.writeString(root.resolve("target/candor/java-home"), System.getProperty("java.home"));
        Result same = launcher(launcher, Map.of(), "--version");
        assertThat(command(same)).contains(uses(root.resolve("target/candor").resolve(archive("cli"))));
        assertThat(same.code()).isZero();
        assertThat(same.out()).isEqualTo(r.out());
    }

    /**
     * A Java 25 or later: {@code -Dcandor.test.java25=HOME}, the build's own Java when it is one,
     * or the newest under {@code /usr/lib/jvm}.
     */
    static Optional<Path> java25() throws IOException {
        String given = System.getProperty("candor.test.java25", "");
        if (!given.isBlank()) {
            Path home = Path.of(given);
            assertThat(home.resolve("bin/java")).as("-Dcandor.test.java25").isExecutable();
            return Optional.of(home);
        }
        if (Runtime.version().feature() >= 25) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> featureOf(h) >= 25 && Files.isExecutable(h.resolve("bin/java")))
                    .max(Comparator.comparingInt(LauncherIT::featureOf).thenComparing(Path::toString));
        }
    }

    /** The feature release a JDK's {@code release} file names (25 for "25.0.3"), or 0. */
    static int featureOf(Path home) {
        try {
            Matcher m =
                    Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)").matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Test
    void runsTheAotCacheABuildOnJava25Leaves(@TempDir Path root) throws Exception {
        assumeArchives();
        Optional<Path> found = java25();
        assumeTrue(found.isPresent(), "no Java 25 or later: set -Dcandor.test.java25 to one");
        Path j25 = found.get();
        Path launcher = layout(root);
        Path app = Files.createDirectories(root.resolve("target/candor"));
        Files.copy(APP.resolve("candor.jar"), app.resolve("candor.jar"));
        link(app.resolve("lib"), APP.resolve("lib"));
        // What the build's training run does on Java 25 (pom.xml, profile fast-start-aot-cache).
        Result training = run(
                root,
                Map.of(),
                List.of(
                        j25.resolve("bin/java").toString(),
                        "-XX:AOTCacheOutput=" + app.resolve("cli.aot"),
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        app.resolve("candor.jar").toString(),
                        "--version"));
        assertThat(training.code()).as(training.out() + training.err()).isZero();
        assertThat(app.resolve("cli.aot")).isNotEmptyFile();
        Files.writeString(app.resolve("java-home"), j25.toString());

        // -XX:AOTMode=on: the JVM refuses to start unless it uses the cache. -Xshare, which the
        // launcher gives a class data archive, would make it refuse to start at all.
        Result fast = launcher(
                launcher, Map.of("JAVA_HOME", j25.toString(), "CANDOR_JAVA_OPTS", "-XX:AOTMode=on"), "--version");
        assertThat(command(fast))
                .contains("-XX:AOTCache=" + app.resolve("cli.aot"))
                .contains("-jar " + app.resolve("candor.jar"))
                .doesNotContain("-Xshare")
                .doesNotContain("SharedArchiveFile");
        assertThat(fast.code()).as(fast.err()).isZero();
        assertThat(fast.out()).isEqualTo(javaJar("--version").out());
        assertThat(fast.err()).doesNotContain("[error").doesNotContain("[warning");

        // The build's own Java (another home) runs the jar as it is, never a cache it cannot use.
        if (!j25.toRealPath().equals(Path.of(System.getProperty("java.home")).toRealPath())) {
            Result other = launcher(launcher, Map.of(), "--version");
            assertThat(command(other)).doesNotContain("AOTCache").contains("-jar " + root.resolve("target/candor.jar"));
            assertThat(other.code()).isZero();
            assertThat(other.out()).isEqualTo(fast.out());
        }
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
