package org.candor.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Format v1 input that is accepted, read to the values it states. */
class ValidCampaignsTest {

    private static final Path CAMPAIGNS = Path.of("src/test/resources/campaigns");
    private static final Path VALID = CAMPAIGNS.resolve("valid");

    private final CampaignReader reader = new CampaignReader();

    @Test
    void theSpecExampleReadsToTheValuesItStates() throws IOException {
        Campaign c = reader.read(CAMPAIGNS.resolve("spec-example.json"));

        assertThat(c.formatVersion()).isEqualTo(1);
        assertThat(c.reference()).isEqualTo("ACME-SPRING-26");
        assertThat(c.agency()).isEqualTo("Northwind Media");
        assertThat(c.brand()).isEqualTo("Acme Skincare");
        assertThat(c.productCategory()).isEqualTo(ProductCategory.COSMETICS);
        assertThat(c.jurisdictions()).containsExactly("US", "UK");
        assertThat(c.effectiveJurisdictions()).containsExactly("US", "UK");
        assertThat(c.submittedAt()).isEqualTo(Instant.parse("2026-10-01T09:00:00Z"));
        assertThat(c.offerAuthorised()).isNull();

        assertThat(c.influencers()).singleElement().satisfies(i -> {
            assertThat(i.handle()).isEqualTo("jane.doe");
            assertThat(i.displayName()).isEqualTo("Jane Doe");
            assertThat(i.age()).isEqualTo(29);
            assertThat(i.strongAppealToUnder18()).isFalse();
            assertThat(i.relationship()).isEqualTo(new Relationship(RelationshipKind.PAID, true, false));
            assertThat(i.usedProduct()).isTrue();
            assertThat(i.audience())
                    .isEqualTo(new Audience(
                            120_000L, 98_000L, 2.4, 12.5, 8.0, LocalDate.of(2026, 9, 30), "platform insights export"));
            assertThat(i.claims()).singleElement().satisfies(claim -> {
                assertThat(claim.id()).isEqualTo("c1");
                assertThat(claim.kind()).isEqualTo(ClaimKind.CREDENTIAL);
                assertThat(claim.statement()).isEqualTo("Board-certified dermatologist");
                assertThat(claim.claimedValue()).isNull();
                assertThat(claim.evidence())
                        .containsExactly(new Evidence(
                                EvidenceKind.DOCUMENT,
                                "State licence",
                                "licence #12345",
                                "compliance@northwind",
                                LocalDate.of(2026, 9, 1)));
                assertThat(claim.evidence().get(0).isVerified()).isTrue();
            });
        });

        assertThat(c.posts()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("p1");
            assertThat(p.influencer()).isEqualTo("jane.doe");
            assertThat(p.platform()).isEqualTo(Platform.INSTAGRAM);
            assertThat(p.format()).isEqualTo(PostFormat.FEED);
            assertThat(p.language()).isEqualTo("en");
            assertThat(p.text()).isEqualTo("#ad Three weeks with the Acme night serum ...");
            assertThat(p.platformDisclosureLabel()).isFalse();
            assertThat(p.imageOverlay()).isNull();
            assertThat(p.imageAlteration()).isEqualTo(ImageAlteration.NONE);
            assertThat(p.featuresPeopleUnder25()).isFalse();
            assertThat(p.video()).isNull();
            assertThat(p.frames()).isEmpty();
            assertThat(p.links()).containsExactly(new Link("https://acme.example/p?ref=jane", true));
            assertThat(p.productClaims())
                    .containsExactly(new ProductClaim("clinically proven to reduce wrinkles", List.of()));
            assertThat(p.reusedContent())
                    .containsExactly(new ReusedContent(
                            ReusedContentKind.IMAGE, "photo by lens.lab", "lens.lab", true, true, null));
            assertThat(p.publishedAt()).isEqualTo(Instant.parse("2026-10-02T10:00:00Z"));
        });
    }

    @Test
    void absentListsReadAsEmptyListsAndAbsentValuesAsNull() throws IOException {
        Campaign c = reader.read(VALID.resolve("minimal.json"));

        assertThat(c.jurisdictions()).isEmpty();
        assertThat(c.submittedAt()).isNull();
        assertThat(c.offerAuthorised()).isNull();
        Influencer jane = c.influencers().get(0);
        assertThat(jane.claims()).isEmpty();
        assertThat(jane.relationship()).isNull();
        assertThat(jane.audience()).isNull();
        Post post = c.posts().get(0);
        assertThat(post.frames()).isEmpty();
        assertThat(post.links()).isEmpty();
        assertThat(post.productClaims()).isEmpty();
        assertThat(post.reusedContent()).isEmpty();
        assertThat(post.video()).isNull();
        assertThat(post.language()).isNull();
        assertThat(post.imageAlteration()).isNull();
    }

    @Test
    void absentOrEmptyJurisdictionsMeanTheUnitedStates() throws IOException {
        assertThat(reader.read(VALID.resolve("minimal.json")).effectiveJurisdictions())
                .containsExactly("US");
        Campaign noneListed = reader.read(VALID.resolve("empty-jurisdictions.json"));
        assertThat(noneListed.jurisdictions()).isEmpty();
        assertThat(noneListed.effectiveJurisdictions()).containsExactly("US");
        assertThat(noneListed.posts()).isEmpty();
    }

    @Test
    void videoDisclosuresFramesAndOffsetsAreRead() throws IOException {
        Campaign c = reader.read(VALID.resolve("video-and-frames.json"));

        assertThat(c.effectiveJurisdictions()).containsExactly("FR", "EU");
        // A timestamp with an offset is the same moment in UTC.
        assertThat(c.submittedAt()).isEqualTo(Instant.parse("2026-10-01T09:00:00Z"));
        assertThat(c.offerAuthorised()).isTrue();
        Influencer lea = c.influencers().get(0);
        assertThat(lea.displayName()).isEqualTo("Léa Martin");
        assertThat(lea.claims().get(0).claimedValue()).isEqualTo(4200.0);
        assertThat(lea.claims().get(0).evidence())
                .extracting(Evidence::kind, Evidence::isVerified)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(EvidenceKind.CONVERSION_DATA, true),
                        org.assertj.core.groups.Tuple.tuple(EvidenceKind.CASE_STUDY, false));

        Post reel = c.posts().get(0);
        assertThat(reel.language()).isEqualTo("fr-FR");
        assertThat(reel.text()).isEqualTo("Publicité ✨ Ma routine du soir\navec le sérum Acme 🌙");
        assertThat(reel.imageAlteration()).isEqualTo(ImageAlteration.AI_GENERATED);
        assertThat(reel.video().durationSeconds()).isEqualTo(45);
        assertThat(reel.video().disclosures())
                .containsExactly(
                        new VideoDisclosure(0, true, true, 45, "Publicité"),
                        new VideoDisclosure(30, false, true, 5, "Images virtuelles"));
        assertThat(reel.reusedContent().get(0).consentObtained()).isTrue();
        assertThat(reel.publishedAt()).isEqualTo(Instant.parse("2026-10-03T16:30:00Z"));

        Post story = c.posts().get(1);
        assertThat(story.format()).isEqualTo(PostFormat.STORY);
        assertThat(story.text()).isNull();
        assertThat(story.frames())
                .containsExactly(new Frame(1, "Le sérum 🌙", "Publicité"), new Frame(2, "Lien en bio", null));
        assertThat(story.links()).containsExactly(new Link("https://acme.example/fr?ref=lea", false));
    }

    @Test
    void aValidatorWithAPostLimitRejectsACampaignOverIt() {
        CampaignReader limited = new CampaignReader(new CampaignValidator(1));
        InvalidCampaignException e = catchThrowableOfType(
                InvalidCampaignException.class, () -> limited.read(VALID.resolve("video-and-frames.json")));
        assertThat(e.problems()).containsExactly(new Problem("$.posts", "has 2 posts; at most 1 are accepted"));
    }

    @Test
    void problemsSortByPathWithListIndexesInNumberOrder() {
        List<Problem> sorted = List.of(
                        new Problem("$.posts[10].id", "b"),
                        new Problem("$.posts[2].id", "a"),
                        new Problem("$.agency", "c"),
                        new Problem("$.posts[2].id", "0"))
                .stream()
                .sorted()
                .toList();
        assertThat(sorted)
                .extracting(Problem::toString)
                .containsExactly("$.agency: c", "$.posts[2].id: 0", "$.posts[2].id: a", "$.posts[10].id: b");
    }
}
