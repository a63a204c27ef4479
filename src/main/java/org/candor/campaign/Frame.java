package org.candor.campaign;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** One frame of a story or carousel. */
public record Frame(@NotNull @PositiveOrZero Integer index, String text, String disclosureOverlay) {}
