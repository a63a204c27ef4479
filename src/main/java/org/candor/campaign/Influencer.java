package org.candor.campaign;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

/**
 * A person or channel taking part in the campaign. {@code establishedIn} (optional) is where the
 * influencer is established: French rules follow it (Ordonnance n° 2024-978).
 */
public record Influencer(
        @NotBlank String handle,
        String displayName,
        @PositiveOrZero @Max(150) Integer age,
        Boolean strongAppealToUnder18,
        @Valid Relationship relationship,
        Boolean usedProduct,
        @Valid Audience audience,
        List<@NotNull @Valid Claim> claims,

        @Pattern(regexp = "[A-Za-z]{2}", message = "must be a two-letter ISO 3166 code such as FR")
        String establishedIn) {

    public Influencer {
        claims = Lists.of(claims);
    }

    /** An influencer whose place of establishment is not given. */
    public Influencer(
            String handle,
            String displayName,
            Integer age,
            Boolean strongAppealToUnder18,
            Relationship relationship,
            Boolean usedProduct,
            Audience audience,
            List<Claim> claims) {
        this(handle, displayName, age, strongAppealToUnder18, relationship, usedProduct, audience, claims, null);
    }

    /** Where the influencer is established, upper case; null when not given. */
    public String establishedInCode() {
        return establishedIn == null || establishedIn.isBlank()
                ? null
                : establishedIn.strip().toUpperCase(java.util.Locale.ROOT);
    }
}
