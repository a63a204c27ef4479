package org.candor.rules.change;

import java.nio.file.Path;
import org.candor.support.Postgres;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@Postgres
class RuleHistoryPostgresTest extends RuleHistoryContract {
    @TempDir
    static Path root;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Postgres.Db.register(registry);
        rulesIn(registry, () -> root);
    }
}
