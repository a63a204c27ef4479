package org.candor.campaign;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

/** A person or channel taking part in the campaign. */
public record Influencer(
        @NotBlank String handle,
        String displayName,
        @PositiveOrZero @Max(150) Integer age,
        Boolean strongAppealToUnder18,
        @Valid Relationship relationship,
        Boolean usedProduct,
        @Valid Audience audience,
        List<@NotNull @Valid Claim> claims) {

    public Influencer {
        claims = Lists.of(claims);
    }
}
