package org.candor.campaign;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** A disclosure made inside a video: said aloud, shown on screen, or both. */
public record VideoDisclosure(
        @NotNull @PositiveOrZero Integer atSeconds,
        Boolean spoken,
        Boolean onScreen,
        @PositiveOrZero Integer onScreenSeconds,
        String text) {}
