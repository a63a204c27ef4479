package org.candor.reliability;

import org.candor.support.H2;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The bad-input battery on the embedded database. */
class BadInputH2Test extends BadInputContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        H2.register(registry);
    }
}
