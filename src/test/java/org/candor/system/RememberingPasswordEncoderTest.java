package org.candor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class RememberingPasswordEncoderTest {

    /** The real encoder, counting the slow checks it makes. */
    static final class Counting implements PasswordEncoder {
        final PasswordEncoder real = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            return real.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return real.matches(raw, encoded);
        }
    }

    private final Counting counting = new Counting();
    private final AtomicLong clock = new AtomicLong();
    private final RememberingPasswordEncoder encoder = new RememberingPasswordEncoder(counting, clock::get);
    private final String hash = counting.encode("northwind-demo");

    @Test
    void aRightPasswordIsCheckedSlowlyOnceThenRemembered() {
        assertThat(encoder.matches("northwind-demo", hash)).isTrue();
        assertThat(encoder.matches("northwind-demo", hash)).isTrue();
        assertThat(encoder.matches("northwind-demo", hash)).isTrue();
        assertThat(counting.checks).hasValue(1);
    }

    @Test
    void aWrongPasswordIsAlwaysCheckedSlowlyAndNeverAccepted() {
        assertThat(encoder.matches("northwind-demo", hash)).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(encoder.matches("northwind-dem0", hash)).isFalse();
            assertThat(encoder.matches("", hash)).isFalse();
        }
        assertThat(counting.checks).hasValue(7);
    }

    @Test
    void aChangedPasswordFindsNothingRemembered() {
        assertThat(encoder.matches("northwind-demo", hash)).isTrue();
        String newHash = counting.encode("new-secret");
        assertThat(encoder.matches("northwind-demo", newHash)).isFalse();
        assertThat(encoder.matches("new-secret", newHash)).isTrue();
    }

    @Test
    void aRememberedCheckExpires() {
        assertThat(encoder.matches("northwind-demo", hash)).isTrue();
        clock.addAndGet(RememberingPasswordEncoder.TTL_NANOS + 1);
        assertThat(encoder.matches("northwind-demo", hash)).isTrue();
        assertThat(counting.checks).hasValue(2);
    }

    /**
     * Requests arriving together with the same credentials, before any check of them is remembered
     * (a client's first requests, or every one of a busy client's once its entry expired), share one
     * slow check; with a wrong password each still makes its own.
     */
    @Test
    void requestsMissingTheSameEntryAtOnceShareOneSlowCheckButWrongPasswordsDoNot() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (String password : new String[] {"northwind-demo", "northwind-dem0"}) {
                counting.checks.set(0);
                clock.addAndGet(RememberingPasswordEncoder.TTL_NANOS + 1); // whatever was remembered expires
                CyclicBarrier together = new CyclicBarrier(threads);
                List<Future<Boolean>> answers = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    answers.add(pool.submit(() -> {
                        together.await();
                        return encoder.matches(password, hash);
                    }));
                }
                for (Future<Boolean> a : answers) {
                    assertThat(a.get()).isEqualTo(password.equals("northwind-demo"));
                }
                assertThat(counting.checks)
                        .as("slow checks of " + password)
                        .hasValue(password.equals("northwind-demo") ? 1 : threads);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void encodingIsTheDelegatesAndNullsAreHandledAsItHandlesThem() {
        assertThat(encoder.encode("x")).startsWith("{bcrypt}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> encoder.matches(null, hash))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> encoder.matches("northwind-demo", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(counting.checks).hasValue(2);
    }
}
