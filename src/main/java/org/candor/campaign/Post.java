package org.candor.campaign;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;

/** One published post. */
public record Post(
        @NotBlank String id,
        @NotBlank String influencer,
        @NotNull Platform platform,
        @NotNull PostFormat format,

        @Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", message = "must be a language tag such as en, fr or en-GB")
        String language,

        String text,
        Boolean platformDisclosureLabel,
        String imageOverlay,
        ImageAlteration imageAlteration,
        Boolean featuresPeopleUnder25,
        @Valid Video video,
        List<@NotNull @Valid Frame> frames,
        List<@NotNull @Valid Link> links,
        List<@NotNull @Valid ProductClaim> productClaims,
        List<@NotNull @Valid ReusedContent> reusedContent,
        Instant publishedAt) {

    public Post {
        frames = Lists.of(frames);
        links = Lists.of(links);
        productClaims = Lists.of(productClaims);
        reusedContent = Lists.of(reusedContent);
    }
}
