package org.candor.campaign;

import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.DecimalMax;

import java.time.LocalDate;

/** Audience figures as stated, and as verified from the platform. */
public record Audience(
        @PositiveOrZero Long followers,
        @PositiveOrZero Long verifiedFollowers,
        @PositiveOrZero @DecimalMax("100") Double engagementRate,
        @PositiveOrZero @DecimalMax("100") Double suspectedFakeFollowersPct,
        @PositiveOrZero @DecimalMax("100") Double under18Pct,
        LocalDate verifiedOn,
        String verificationSource) {}
