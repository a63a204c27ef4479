package org.candor.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The address the service announces once it is ready. */
class ReadyAnnouncerTest {

    @Test
    void theAddressListenedOnWithItsPort() {
        MockEnvironment env = new MockEnvironment().withProperty("server.address", "127.0.0.1");
        assertThat(ReadyAnnouncer.url(env, 8080)).isEqualTo("http://127.0.0.1:8080/");
    }

    @Test
    void allInterfacesOrNoAddressAnnounceLocalhost() {
        assertThat(ReadyAnnouncer.url(new MockEnvironment().withProperty("server.address", "0.0.0.0"), 9000))
                .isEqualTo("http://localhost:9000/");
        assertThat(ReadyAnnouncer.url(new MockEnvironment(), 8081)).isEqualTo("http://localhost:8081/");
    }

    @Test
    void anIpv6AddressInBracketsAndTheContextPath() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("server.address", "::1")
                .withProperty("server.servlet.context-path", "/candor/");
        assertThat(ReadyAnnouncer.url(env, 8080)).isEqualTo("http://[0:0:0:0:0:0:0:1]:8080/candor/");
    }
}
