package org.candor.report;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code candor.reports-copy.*}: how the copies of the reports folder share the processor with the
 * submissions ({@code candor.reports-copy=false} turns the copies off).
 *
 * @param busyShare the most of one core the copies take while submissions arrive, more than 0 and
 *     at most 1 (default 0.1; 1 writes them at full speed always); once no submission has arrived
 *     for a moment they are written at full speed
 */
@Validated
@ConfigurationProperties("candor.reports-copy")
public record ReportsCopyProperties(
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1")
        Double busyShare) {

    /** The share of one core the copies take while submissions arrive, unless configured. */
    public static final double DEFAULT_BUSY_SHARE = 0.1;

    public ReportsCopyProperties {
        busyShare = busyShare == null ? DEFAULT_BUSY_SHARE : busyShare;
    }

    /** The defaults, as when nothing is configured. */
    public static ReportsCopyProperties defaults() {
        return new ReportsCopyProperties(null);
    }
}
