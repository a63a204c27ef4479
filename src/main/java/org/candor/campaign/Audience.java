package org.candor.campaign;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.LocalDate;

/** Audience figures as stated, and as verified from the platform. */
public record Audience(
        @PositiveOrZero Long followers,
        @PositiveOrZero Long verifiedFollowers,

        @PositiveOrZero @DecimalMax(value = "100", message = "must be at most 100 (a percentage)")
        Double engagementRate,

        @PositiveOrZero @DecimalMax(value = "100", message = "must be at most 100 (a percentage)")
        Double suspectedFakeFollowersPct,

        @PositiveOrZero @DecimalMax(value = "100", message = "must be at most 100 (a percentage)")
        Double under18Pct,

        LocalDate verifiedOn,
        String verificationSource) {}
