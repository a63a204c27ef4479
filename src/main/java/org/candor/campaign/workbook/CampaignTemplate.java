package org.candor.campaign.workbook;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.candor.campaign.Audience;
import org.candor.campaign.Campaign;
import org.candor.campaign.Claim;
import org.candor.campaign.ClaimKind;
import org.candor.campaign.Evidence;
import org.candor.campaign.EvidenceKind;
import org.candor.campaign.Frame;
import org.candor.campaign.ImageAlteration;
import org.candor.campaign.Influencer;
import org.candor.campaign.Link;
import org.candor.campaign.Platform;
import org.candor.campaign.Post;
import org.candor.campaign.PostFormat;
import org.candor.campaign.ProductCategory;
import org.candor.campaign.ProductClaim;
import org.candor.campaign.Relationship;
import org.candor.campaign.RelationshipKind;
import org.candor.campaign.ReusedContent;
import org.candor.campaign.ReusedContentKind;
import org.candor.campaign.Video;
import org.candor.campaign.VideoDisclosure;

/**
 * The campaign workbook template that agencies fill in (SPEC section 3): an Instructions sheet,
 * then one sheet per part of format v1, each with one header row of field names, dropdowns on
 * enum and true/false columns, text format where what is typed must stay as typed, and the rows of
 * one complete example campaign ({@link #example()}). {@link WorkbookCampaignReader} reads it;
 * {@link WorkbookCampaignWriter} fills it with any campaign.
 *
 * <p>How format v1 maps onto the sheets: the campaign's own fields are row 2 of {@code Campaign}
 * ({@code jurisdictions} as codes separated by commas); each influencer is a row of {@code
 * Influencers} ({@code relationship} and {@code audience} as {@code relationship.*} and {@code
 * audience.*} columns); each post a row of {@code Posts} ({@code video.durationSeconds} for its
 * video). The lists inside them are sheets whose rows name their owner: {@code claims} on {@code
 * Claims} (by influencer handle), {@code frames}, {@code video.disclosures}, {@code reusedContent},
 * {@code links} and {@code productClaims} on {@code Frames}, {@code VideoDisclosures}, {@code
 * ReusedContent}, {@code Links} and {@code ProductClaims} (by post id), and both lists of evidence,
 * a claim's {@code evidence} and a product claim's {@code substantiation}, on {@code Evidence} (by
 * influencer and claim id, or by post id and the product claim's {@code key}). Rows keep their
 * order within their owner.
 */
public final class CampaignTemplate {

    public static final String INSTRUCTIONS = "Instructions";
    public static final String CAMPAIGN = "Campaign";
    public static final String INFLUENCERS = "Influencers";
    public static final String CLAIMS = "Claims";
    public static final String POSTS = "Posts";
    public static final String FRAMES = "Frames";
    public static final String VIDEO_DISCLOSURES = "VideoDisclosures";
    public static final String REUSED_CONTENT = "ReusedContent";
    public static final String LINKS = "Links";
    public static final String PRODUCT_CLAIMS = "ProductClaims";
    public static final String EVIDENCE = "Evidence";

    /** The sheets holding the campaign, in the template's order (after {@link #INSTRUCTIONS}). */
    public static final List<String> DATA_SHEETS = List.of(
            CAMPAIGN,
            INFLUENCERS,
            CLAIMS,
            POSTS,
            FRAMES,
            VIDEO_DISCLOSURES,
            REUSED_CONTENT,
            LINKS,
            PRODUCT_CLAIMS,
            EVIDENCE);

    /** The header row of each data sheet, in template order. */
    public static final Map<String, List<String>> HEADERS = headers();

    /** The media type to serve the template with. */
    public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** The name to offer the template under. */
    public static final String FILE_NAME = "campaign.xlsx";

    private static Map<String, List<String>> headers() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Layout.Sheet s : Layout.SHEETS) {
            headers.put(s.name(), s.headers());
        }
        return Collections.unmodifiableMap(headers);
    }

    /** The header row of a data sheet; empty for any other name. */
    public static List<String> headers(String sheet) {
        return HEADERS.getOrDefault(sheet, List.of());
    }

    /**
     * A campaign that fails, to show what findings look like: the example with an unproven
     * product claim and an affiliate link whose commission is not disclosed.
     */
    public static Campaign failingExample() {
        Campaign ok = example();
        Post feed = ok.posts().get(0);
        Post failing = new Post(
                feed.id(),
                feed.influencer(),
                feed.platform(),
                feed.format(),
                feed.language(),
                "Three weeks with the Acme night serum, clinically proven to reduce wrinkles!",
                feed.platformDisclosureLabel(),
                feed.imageOverlay(),
                feed.imageAlteration(),
                feed.featuresPeopleUnder25(),
                feed.video(),
                feed.frames(),
                List.of(new Link("https://acme.example/p?ref=jane", true)),
                List.of(new ProductClaim("clinically proven to reduce wrinkles", List.of())),
                feed.reusedContent(),
                feed.publishedAt());
        List<Post> posts = new java.util.ArrayList<>(ok.posts());
        posts.set(0, failing);
        return ok.withPosts(posts);
    }

    /** The file name of the template filled with the failing example. */
    public static final String FAILING_FILE_NAME = "candor-campaign-failing-example.xlsx";

    /** Writes the template filled with the failing example, to see what findings look like. */
    public void writeFailing(OutputStream out) throws IOException {
        new WorkbookCampaignWriter().write(failingExample(), out);
    }

    /** Writes the template, filled with the example campaign. */
    public void write(OutputStream out) throws IOException {
        new WorkbookCampaignWriter().write(example(), out);
    }

    /**
     * The example campaign of the template: the SPEC's example (Jane Doe's feed post for Acme
     * Skincare), put right so that it passes the default rules when uploaded unchanged, with a reel
     * and a story added so that every sheet has rows. {@link #failingExample()} shows a failing one.
     */
    public static Campaign example() {
        String verifier = "compliance@northwind";
        Influencer jane = new Influencer(
                "jane.doe",
                "Jane Doe",
                29,
                false,
                new Relationship(RelationshipKind.PAID, true, false),
                true,
                new Audience(120_000L, 118_000L, 2.4, 12.5, 8.0, LocalDate.of(2026, 9, 30), "platform insights export"),
                List.of(
                        new Claim(
                                "c1",
                                ClaimKind.CREDENTIAL,
                                "Board-certified dermatologist",
                                null,
                                List.of(new Evidence(
                                        EvidenceKind.DOCUMENT,
                                        "State licence",
                                        "licence #12345",
                                        verifier,
                                        LocalDate.of(2026, 9, 1)))),
                        new Claim(
                                "c2",
                                ClaimKind.FOLLOWERS,
                                "120k followers on Instagram",
                                120_000.0,
                                List.of(new Evidence(
                                        EvidenceKind.PLATFORM_DATA,
                                        "Instagram insights export",
                                        "insights-2026-09-30.csv",
                                        verifier,
                                        LocalDate.of(2026, 9, 30))))));
        Post feed = new Post(
                "p1",
                "jane.doe",
                Platform.INSTAGRAM,
                PostFormat.FEED,
                "en",
                "#ad Three weeks with the Acme night serum. I earn a commission on sales from the link.",
                false,
                null,
                ImageAlteration.NONE,
                false,
                null,
                List.of(),
                List.of(new Link("https://acme.example/p?ref=jane", true)),
                List.of(new ProductClaim(
                        "clinically proven to reduce wrinkles",
                        List.of(new Evidence(
                                EvidenceKind.TEST_REPORT,
                                "Clinical study, 8 weeks, 60 participants",
                                "study CS-2026-031",
                                verifier,
                                LocalDate.of(2026, 8, 20))))),
                List.of(new ReusedContent(ReusedContentKind.IMAGE, "photo by lens.lab", "lens.lab", true, true, null)),
                Instant.parse("2026-10-02T10:00:00Z"));
        Post reel = new Post(
                "p2",
                "jane.doe",
                Platform.INSTAGRAM,
                PostFormat.REEL,
                "en",
                "#ad My evening routine with the Acme night serum",
                true,
                null,
                ImageAlteration.NONE,
                false,
                new Video(45, List.of(new VideoDisclosure(0, true, true, 45, "#ad Paid partnership with Acme"))),
                List.of(),
                List.of(),
                List.of(new ProductClaim(
                        "hydrates for 24 hours",
                        List.of(new Evidence(
                                EvidenceKind.TEST_REPORT,
                                "Moisture test on 30 volunteers",
                                "lab report LR-2026-114",
                                verifier,
                                LocalDate.of(2026, 9, 15))))),
                List.of(new ReusedContent(
                        ReusedContentKind.MUSIC, "licensed track", "Epidemic Sound", true, true, null)),
                Instant.parse("2026-10-05T18:00:00Z"));
        Post story = new Post(
                "p3",
                "jane.doe",
                Platform.INSTAGRAM,
                PostFormat.STORY,
                "en",
                "#ad Week 3 with the night serum. I earn a commission on sales from the link.",
                true,
                null,
                ImageAlteration.NONE,
                false,
                null,
                List.of(new Frame(1, "Week 3 with the night serum", "#ad"), new Frame(2, "Link in bio", "#ad")),
                List.of(new Link("https://acme.example/p?ref=jane-story", true)),
                List.of(),
                List.of(),
                Instant.parse("2026-10-07T08:30:00Z"));
        return new Campaign(
                Campaign.FORMAT_VERSION,
                "ACME-SPRING-26",
                "Northwind Media",
                "Acme Skincare",
                ProductCategory.COSMETICS,
                List.of("US", "UK"),
                Instant.parse("2026-10-01T09:00:00Z"),
                null,
                List.of(jane),
                List.of(feed, reel, story));
    }
}
