package org.candor.impact;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code candor.impact.*}: how impact previews are worked on.
 *
 * @param workers how many threads of this instance claim preview jobs (default 1; 0: this instance
 *     creates previews but leaves the work to the others)
 * @param jobSize how many campaigns one job judges (default 50)
 * @param poll how long an idle worker waits before it looks for work again (default 1 s); a
 *     preview created on this instance wakes its workers at once, and on PostgreSQL a preview
 *     created (or a job given back) on any instance wakes them by notification
 * @param listen whether this instance listens for PostgreSQL notifications of new jobs on
 *     channel {@code candor_impact} (default true); without them its workers find jobs
 *     other instances queue within one {@code poll}
 * @param lease how long a job may run without a sign of life before another worker takes it over
 *     (default 5 min): what a killed instance left running is done again
 * @param keep how long a preview and its results are kept after it was created (default 24 h)
 * @param maxAttempts how many times a job that fails is tried before its preview is FAILED (default 3)
 */
@Validated
@ConfigurationProperties("candor.impact")
record ImpactProperties(
        @PositiveOrZero Integer workers,
        @Positive Integer jobSize,
        Duration poll,
        Boolean listen,
        Duration lease,
        Duration keep,
        @Positive Integer maxAttempts) {

    public ImpactProperties {
        workers = workers == null ? 1 : workers;
        jobSize = jobSize == null ? 50 : jobSize;
        poll = poll == null ? Duration.ofSeconds(1) : poll;
        listen = listen == null || listen;
        lease = lease == null ? Duration.ofMinutes(5) : lease;
        keep = keep == null ? Duration.ofHours(24) : keep;
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
    }
}
