package org.candor.campaign;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

/** Something an influencer claims about themself, with the evidence for it. */
public record Claim(
        @NotBlank String id,
        @NotNull ClaimKind kind,
        String statement,
        @PositiveOrZero Double claimedValue,
        List<@NotNull @Valid Evidence> evidence) {

    public Claim {
        evidence = Lists.of(evidence);
    }
}
