package org.candor.rules.change;

import java.nio.file.Path;
import org.candor.support.H2;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class RuleHistoryH2Test extends RuleHistoryContract {
    @TempDir
    static Path root;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        H2.register(registry);
        rulesIn(registry, () -> root);
    }
}
