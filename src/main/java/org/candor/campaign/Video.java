package org.candor.campaign;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

/** The timed content of a video, live or audio post. */
public record Video(@PositiveOrZero Integer durationSeconds, List<@NotNull @Valid VideoDisclosure> disclosures) {

    public Video {
        disclosures = Lists.of(disclosures);
    }
}
