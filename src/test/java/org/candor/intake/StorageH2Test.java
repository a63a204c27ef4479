package org.candor.intake;

import org.candor.support.H2;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class StorageH2Test extends StorageContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        H2.register(registry);
    }
}
