package org.candor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.candor.campaign.Campaign;
import org.candor.campaign.CampaignReader;
import org.candor.evaluation.Evaluator;
import org.candor.ruleadmin.tests.RuleTestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The cache of built rule sets: a hit judges as a fresh build does; a miss, a bad entry, a race. */
class RuleSetCacheTest {

    @TempDir
    Path cacheDir;

    private final List<RuleSet> built = new ArrayList<>();
    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    private final Logger cacheLog = (Logger) LoggerFactory.getLogger(RuleSetCache.class);
    private final Logger loaderLog = (Logger) LoggerFactory.getLogger(RuleSetLoader.class);

    @BeforeEach
    void listen() {
        warnings.start();
        cacheLog.addAppender(warnings);
        loaderLog.addAppender(warnings);
    }

    @AfterEach
    void dispose() {
        cacheLog.detachAppender(warnings);
        loaderLog.detachAppender(warnings);
        built.forEach(RuleSetLoader::dispose);
    }

    private RuleSet build(RuleSetCache cache, Map<String, byte[]> files) {
        RuleSet rs = new RuleSetLoader(cache).build(files);
        built.add(rs);
        return rs;
    }

    private static Map<String, byte[]> defaultPack() {
        return RuleSetLoader.readFolder(TestPacks.DEFAULT);
    }

    private Path entryOf(RuleSetCache cache, Map<String, byte[]> files) {
        return cacheDir.resolve(RuleSetCache.fileName(cache.key(RuleSetLoader.hash(files))));
    }

    @Test
    void aHitJudgesEveryCampaignAsAFreshBuildDoes() throws Exception {
        RuleSetCache cache = RuleSetCache.folderOnly(cacheDir);
        Map<String, byte[]> files = defaultPack();
        RuleSet fresh = build(cache, files);
        assertThat(fresh.container()).as("built by the engine").isNotNull();
        assertThat(entryOf(cache, files)).isRegularFile();

        RuleSet cached = build(cache, files);
        assertThat(cached.container()).as("read from the cache, not built").isNull();
        assertThat(cached.hash()).isEqualTo(fresh.hash());
        assertThat(cached.catalog()).isEqualTo(fresh.catalog());
        assertThat(cached.ruleIndex()).isEqualTo(fresh.ruleIndex());

        // Every example and every rule-test campaign: the same result, finding by finding.
        Evaluator evaluator = new Evaluator(Clock.fixed(Instant.parse("2026-10-02T00:00:00Z"), ZoneOffset.UTC));
        CampaignReader reader = new CampaignReader();
        List<Path> campaigns;
        try (Stream<Path> examples = Files.list(Path.of("examples"))) {
            campaigns = new ArrayList<>(examples.filter(p -> p.toString().endsWith(".json"))
                    .sorted()
                    .toList());
        }
        assertThat(campaigns).hasSizeGreaterThan(5);
        int findings = 0;
        for (Path file : campaigns) {
            Campaign c = reader.read(Files.readAllBytes(file));
            String expected = evaluator.evaluate(c, fresh).toString();
            assertThat(evaluator.evaluate(c, cached).toString())
                    .as(file.toString())
                    .isEqualTo(expected);
            findings += evaluator.evaluate(c, cached).findings().size();
        }
        assertThat(findings).isPositive();

        RuleTestRunner runner = new RuleTestRunner();
        var freshReport = runner.run(TestPacks.DEFAULT.resolve("tests"), fresh);
        var cachedReport = runner.run(TestPacks.DEFAULT.resolve("tests"), cached);
        assertThat(cachedReport.results()).isEqualTo(freshReport.results());
        assertThat(cachedReport.failed()).isZero();
        assertThat(warnings.list).isEmpty();
    }

    @Test
    void aChangedRuleFileMissesTheCacheAndIsGuardedAgain() {
        RuleSetCache cache = RuleSetCache.folderOnly(cacheDir);
        Map<String, byte[]> files = defaultPack();
        build(cache, files);

        Map<String, byte[]> edited = new TreeMap<>(files);
        edited.put(
                "claims.drl",
                (new String(files.get("claims.drl"), StandardCharsets.UTF_8) + "\n// an officer's note\n")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(cache.key(RuleSetLoader.hash(edited))).isNotEqualTo(cache.key(RuleSetLoader.hash(files)));
        RuleSet rebuilt = build(cache, edited);
        assertThat(rebuilt.container()).as("built, not read from the cache").isNotNull();
        assertThat(entryOf(cache, edited)).isRegularFile();

        // A file the guard refuses is refused, whatever the cache holds for other content.
        Map<String, byte[]> refused = new TreeMap<>(files);
        refused.put(
                "claims.drl",
                (new String(files.get("claims.drl"), StandardCharsets.UTF_8)
                                + "\nfunction void x() { new java.lang.ProcessBuilder(\"id\"); }\n")
                        .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> build(cache, refused))
                .isInstanceOf(RuleBuildException.class)
                .hasMessageContaining("ProcessBuilder");
        assertThat(entryOf(cache, refused)).doesNotExist();
    }

    @Test
    void aCorruptEntryIsRebuiltWithAWarning() throws Exception {
        RuleSetCache cache = RuleSetCache.folderOnly(cacheDir);
        Map<String, byte[]> files = defaultPack();
        build(cache, files);
        Path entry = entryOf(cache, files);
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(entry, bytes);

        RuleSet rebuilt = build(cache, files);
        assertThat(rebuilt.container()).as("built again").isNotNull();
        assertThat(warnings.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .contains(entry.toString())
                .contains("does not match its digest"));
        // The rebuild wrote a good entry in its place.
        warnings.list.clear();
        RuleSet cached = build(cache, files);
        assertThat(cached.container()).isNull();
        assertThat(warnings.list).isEmpty();

        Files.write(entry, new byte[] {1, 2, 3});
        assertThat(build(cache, files).container()).isNotNull();
        assertThat(warnings.list)
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("not usable"));
    }

    @Test
    void anEntryOfOtherContentUnderTheKeyIsNotUsed() throws Exception {
        RuleSetCache cache = RuleSetCache.folderOnly(cacheDir);
        Map<String, byte[]> files = defaultPack();
        Map<String, byte[]> other = new TreeMap<>(files);
        other.put("note.drl", "package candor.note;\n".getBytes(StandardCharsets.UTF_8));
        build(cache, other);
        // Someone copies the entry of other files under the key of the default pack.
        Files.copy(entryOf(cache, other), entryOf(cache, files));
        assertThat(build(cache, files).container()).isNotNull();
        assertThat(warnings.list)
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("another rule set"));
    }

    @Test
    void aFolderOthersMayWriteToIsNotRead() throws Exception {
        RuleSetCache cache = RuleSetCache.folderOnly(cacheDir);
        Map<String, byte[]> files = defaultPack();
        build(cache, files);
        Files.setPosixFilePermissions(cacheDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(build(cache, files).container()).isNotNull();
        assertThat(warnings.list)
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("may be written by others"));
    }

    @Test
    void aNewCacheFolderIsItsOwnersOnly() {
        Path dir = cacheDir.resolve("new/rule-sets");
        RuleSetCache cache = RuleSetCache.folderOnly(dir);
        build(cache, defaultPack());
        assertThat(dir).isDirectory();
        assertThat(dir).satisfies(d -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d)))
                .isEqualTo("rwx------"));
    }

    @Test
    void concurrentWritersOfOneEntryLeaveAWholeEntry() throws Exception {
        RuleSetCache cache = RuleSetCache.folderOnly(cacheDir);
        Map<String, byte[]> files = defaultPack();
        RuleSet fresh = build(cache, files);
        Path entry = entryOf(cache, files);
        byte[] good = Files.readAllBytes(entry);
        String key = cache.key(fresh.hash());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                tasks.add(() -> {
                    for (int n = 0; n < 25; n++) {
                        RuleSetCache.writeEntry(cacheDir, key, good);
                    }
                    return null;
                });
                // A reader at the same time sees a whole entry, or the one before it.
                tasks.add(() -> {
                    for (int n = 0; n < 25; n++) {
                        assertThat(Files.readAllBytes(entry)).isEqualTo(good);
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> left = Files.list(cacheDir)) {
            assertThat(left).as("no partial files left").containsExactly(entry);
        }
        assertThat(build(cache, files).container()).isNull();
        assertThat(warnings.list).isEmpty();
    }

    @Test
    void twoLoadersBuildingAtOnceBothGetTheRuleSetAndOneEntry() throws Exception {
        Map<String, byte[]> files = defaultPack();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<RuleSet>> runs = pool.invokeAll(List.of(
                    () -> new RuleSetLoader(RuleSetCache.folderOnly(cacheDir)).build(files),
                    () -> new RuleSetLoader(RuleSetCache.folderOnly(cacheDir)).build(files)));
            for (Future<RuleSet> run : runs) {
                built.add(run.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(built).extracting(RuleSet::hash).containsOnly(RuleSetLoader.hash(files));
        RuleSet cached = build(RuleSetCache.folderOnly(cacheDir), files);
        assertThat(cached.container()).isNull();
        assertThat(cached.catalog()).isEqualTo(built.get(0).catalog());
        assertThat(warnings.list).isEmpty();
    }

    @Test
    void withoutAFolderNothingIsWritten() {
        RuleSetCache cache = RuleSetCache.folderOnly(null);
        assertThat(cache.dir()).isNull();
        RuleSet first = build(cache, defaultPack());
        assertThat(first.container()).isNotNull();
        assertThat(build(cache, defaultPack()).container()).as("no entry kept").isNotNull();
    }

    @Test
    void theFolderKeepsTheEntriesUsedLast() throws Exception {
        for (int i = 0; i < 5; i++) {
            Path entry = cacheDir.resolve(RuleSetCache.fileName("k" + i));
            Files.write(entry, new byte[] {(byte) i});
            Files.setLastModifiedTime(entry, java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        Files.write(cacheDir.resolve("notes.txt"), new byte[] {1});
        RuleSetCache.prune(cacheDir, 3);
        try (Stream<Path> left = Files.list(cacheDir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            RuleSetCache.fileName("k4"),
                            RuleSetCache.fileName("k3"),
                            RuleSetCache.fileName("k2"),
                            "notes.txt");
        }
    }

    @Test
    void theServiceRefusesACacheInsideItsRulesFolder() {
        Path rules = cacheDir.resolve("rules");
        assertThatThrownBy(() -> new RulesCacheProperties(true, rules.resolve(".cache")).cache(rules))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside the rules folder");
        assertThat(new RulesCacheProperties(true, cacheDir.resolve("cache"))
                        .cache(rules)
                        .dir())
                .isEqualTo(cacheDir.resolve("cache").toAbsolutePath());
        assertThat(new RulesCacheProperties(false, cacheDir.resolve("cache"))
                        .cache(rules)
                        .dir())
                .isNull();
    }
}
