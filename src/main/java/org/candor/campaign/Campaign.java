package org.candor.campaign;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One campaign submission, format v1 (SPEC section 3). Optional fields are null when absent;
 * lists are never null.
 */
public record Campaign(
        @NotNull Integer formatVersion,

        @NotBlank @Size(max = 200) @Pattern(regexp = PLAIN_TEXT, message = PLAIN_TEXT_MESSAGE)
        String reference,

        @NotBlank @Size(max = 200) @Pattern(regexp = PLAIN_TEXT, message = PLAIN_TEXT_MESSAGE)
        String agency,

        @NotBlank @Size(max = 200) @Pattern(regexp = PLAIN_TEXT, message = PLAIN_TEXT_MESSAGE)
        String brand,

        @NotNull ProductCategory productCategory,
        List<
                        @NotNull
                        @Pattern(
                                regexp = "[A-Z]{2}",
                                message = "must be an upper-case ISO 3166 code such as US, UK, FR or EU")
                        String>
                jurisdictions,
        Instant submittedAt,
        Boolean offerAuthorised,

        @NotEmpty(message = "must list at least one influencer")
        List<@NotNull @Valid Influencer> influencers,

        List<@NotNull @Valid Post> posts) {

    public static final int FORMAT_VERSION = 1;

    /**
     * Names that are stored, filtered on and written into file names and report headers: no
     * control characters but tab and line breaks (PostgreSQL refuses NUL in text), and no
     * text-direction overrides.
     */
    static final String PLAIN_TEXT = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\u202A-\\u202E\\u2066-\\u2069]*";

    static final String PLAIN_TEXT_MESSAGE = "must not contain control characters or text-direction overrides";

    public Campaign {
        jurisdictions = Lists.of(jurisdictions);
        influencers = Lists.of(influencers);
        posts = Lists.of(posts);
    }

    /**
     * The jurisdictions the campaign is judged in, upper case; none listed means {@code US}. An
     * influencer established in France brings in {@code FR}: French law applies by where the
     * influencer is established (Loi n° 2023-451 as amended by Ordonnance n° 2024-978).
     */
    public List<String> effectiveJurisdictions() {
        List<String> listed = listedJurisdictions();
        if (influencers.stream().anyMatch(i -> "FR".equals(i.establishedInCode())) && !listed.contains("FR")) {
            List<String> out = new java.util.ArrayList<>(listed);
            out.add("FR");
            return List.copyOf(out);
        }
        return listed;
    }

    /** The jurisdictions the submission lists, upper case; none listed means {@code US}. */
    public List<String> listedJurisdictions() {
        if (jurisdictions.isEmpty()) {
            return List.of("US");
        }
        return jurisdictions.stream()
                .filter(j -> j != null && !j.isBlank())
                .map(j -> j.trim().toUpperCase(Locale.ROOT))
                .distinct()
                .toList();
    }

    /** The same campaign judged as of the given moment. */
    public Campaign withSubmittedAt(Instant at) {
        return new Campaign(
                formatVersion,
                reference,
                agency,
                brand,
                productCategory,
                jurisdictions,
                at,
                offerAuthorised,
                influencers,
                posts);
    }

    /** The same campaign with its posts in another order. */
    public Campaign withPosts(List<Post> newPosts) {
        return new Campaign(
                formatVersion,
                reference,
                agency,
                brand,
                productCategory,
                jurisdictions,
                submittedAt,
                offerAuthorised,
                influencers,
                newPosts);
    }
}
