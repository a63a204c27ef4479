package org.candor.api;

import org.candor.support.H2;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole path over HTTP, on the embedded database. */
class ApiFlowH2Test extends ApiFlowContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        H2.register(registry);
        registerUsers(registry);
    }
}
