package org.candor.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.candor.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The counting of failed sign-ins, on a clock the test moves. */
class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T09:00:00Z"));
    private final LoginThrottle throttle =
            new LoginThrottle(new LoginProperties(3, 10, Duration.ofMinutes(15)), new ObjectMapper(), clock);

    private void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address);
        }
    }

    @Test
    void locksANameFromAnAddressAfterTheMaximumOfFailures() {
        fail("northwind", "10.0.0.1", 2);
        assertThat(throttle.lockedFor("northwind", "10.0.0.1")).isEmpty();
        fail("northwind", "10.0.0.1", 1);
        assertThat(throttle.lockedFor("northwind", "10.0.0.1")).hasValue(Duration.ofMinutes(15));
        assertThat(throttle.lockedFor("NorthWind", "10.0.0.1"))
                .as("names compare regardless of case")
                .isPresent();
    }

    @Test
    void otherNamesAndOtherAddressesAreNotLocked() {
        fail("northwind", "10.0.0.1", 3);
        assertThat(throttle.lockedFor("lumen", "10.0.0.1")).isEmpty();
        assertThat(throttle.lockedFor("northwind", "10.0.0.2"))
                .as("someone else cannot lock a user out everywhere")
                .isEmpty();
    }

    @Test
    void theLockEndsOnceTheLockoutHasPassedAndFailuresDoNotExtendIt() {
        fail("northwind", "10.0.0.1", 3);
        clock.advance(Duration.ofMinutes(10));
        fail("northwind", "10.0.0.1", 5);
        assertThat(throttle.lockedFor("northwind", "10.0.0.1")).hasValue(Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(5));
        assertThat(throttle.lockedFor("northwind", "10.0.0.1")).isEmpty();
        fail("northwind", "10.0.0.1", 1);
        assertThat(throttle.lockedFor("northwind", "10.0.0.1"))
                .as("counting starts again after the lock")
                .isEmpty();
    }

    @Test
    void failuresFurtherApartThanTheWindowDoNotAddUp() {
        fail("northwind", "10.0.0.1", 2);
        clock.advance(Duration.ofMinutes(16));
        fail("northwind", "10.0.0.1", 2);
        assertThat(throttle.lockedFor("northwind", "10.0.0.1")).isEmpty();
    }

    @Test
    void aSuccessClearsTheCount() {
        fail("northwind", "10.0.0.1", 2);
        throttle.succeeded("northwind", "10.0.0.1");
        fail("northwind", "10.0.0.1", 2);
        assertThat(throttle.lockedFor("northwind", "10.0.0.1")).isEmpty();
    }

    @Test
    void manyNamesGuessedFromOneAddressLockTheAddress() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("user" + i, "10.0.0.9");
        }
        assertThat(throttle.lockedFor("somebody-else", "10.0.0.9")).isPresent();
        assertThat(throttle.lockedFor("somebody-else", "10.0.0.8")).isEmpty();
    }

    @Test
    void theNameIsReadFromABasicHeaderOrALoginForm() {
        MockHttpServletRequest basic = new MockHttpServletRequest("GET", "/api/v1/evaluations");
        basic.addHeader("Authorization", "Basic bm9ydGh3aW5kOnNlY3JldDpjb2xvbg=="); // northwind:secret:colon
        assertThat(LoginThrottle.username(basic)).isEqualTo("northwind");

        MockHttpServletRequest form = new MockHttpServletRequest("POST", "/login");
        form.setContentType("application/x-www-form-urlencoded");
        form.addParameter("username", "lumen");
        assertThat(LoginThrottle.username(form)).isEqualTo("lumen");

        MockHttpServletRequest query = new MockHttpServletRequest("POST", "/login");
        query.setQueryString("username=lumen&password=x");
        query.addParameter("username", "lumen");
        assertThat(LoginThrottle.username(query)).as("no form content type").isEqualTo("lumen");
        MockHttpServletRequest elsewhere = new MockHttpServletRequest("POST", "/agency/evaluations");
        elsewhere.setContentType("application/x-www-form-urlencoded");
        elsewhere.addParameter("username", "lumen");
        assertThat(LoginThrottle.username(elsewhere)).as("not a sign-in").isNull();

        MockHttpServletRequest garbage = new MockHttpServletRequest("GET", "/api/v1/evaluations");
        garbage.addHeader("Authorization", "Basic %%%not-base64");
        assertThat(LoginThrottle.username(garbage)).isNull();
        MockHttpServletRequest badType = new MockHttpServletRequest("POST", "/login");
        badType.setContentType("not a / type;;");
        assertThat(LoginThrottle.username(badType)).isNull();
    }

    @Test
    void theSettingsHaveSaneDefaultsAndRefuseNonsense() {
        LoginProperties defaults = new LoginProperties(null, null, null);
        assertThat(defaults.maxFailures()).isEqualTo(5);
        assertThat(defaults.maxFailuresPerAddress()).isEqualTo(50);
        assertThat(defaults.lockout()).isEqualTo(Duration.ofMinutes(15));
        assertThatThrownBy(() -> new LoginProperties(0, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginProperties(null, null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
