package org.candor.rules.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;
import org.candor.rules.TestPacks;
import org.junit.jupiter.api.Test;

class RuleGuardTest {

    private final RuleGuard guard = new RuleGuard();

    @Test
    void defaultPackPassesUnchanged() {
        assertThat(guard.check(RuleSetLoader.readFolder(TestPacks.DEFAULT))).isEmpty();
    }

    /** One guard serves every build: checks running at once on several threads see the same pack. */
    @Test
    void oneGuardChecksOnSeveralThreadsAtOnce() throws Exception {
        Map<String, byte[]> pack = RuleSetLoader.readFolder(TestPacks.DEFAULT);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<java.util.List<org.candor.rules.BuildProblem>>> runs =
                    new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> guard.check(pack)));
            }
            for (var run : runs) {
                assertThat(run.get()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theHelperApiPassesAndBuilds() throws Exception {
        Map<String, byte[]> files = new TreeMap<>(RuleSetLoader.readFolder(TestPacks.DEFAULT));
        files.put("allowed.drl", Files.readAllBytes(Path.of("src/test/resources/guard/allowed/helper-api.drl")));

        assertThat(guard.check(files)).isEmpty();
        RuleSet built = new RuleSetLoader().build(files);
        try {
            assertThat(built.catalog()).anySatisfy(m -> assertThat(m.id()).isEqualTo("TEST-950"));
        } finally {
            RuleSetLoader.dispose(built);
        }
    }
}
