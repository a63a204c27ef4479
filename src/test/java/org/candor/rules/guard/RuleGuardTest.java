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
