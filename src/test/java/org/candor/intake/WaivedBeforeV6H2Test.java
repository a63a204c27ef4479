package org.candor.intake;

import java.util.UUID;

class WaivedBeforeV6H2Test extends WaivedBeforeV6Contract {
    private final String url = "jdbc:h2:mem:candor-v6-" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    @Override
    String url() {
        return url;
    }

    @Override
    String user() {
        return "sa";
    }
}
