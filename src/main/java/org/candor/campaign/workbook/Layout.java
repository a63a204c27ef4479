package org.candor.campaign.workbook;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.candor.campaign.ClaimKind;
import org.candor.campaign.EvidenceKind;
import org.candor.campaign.ImageAlteration;
import org.candor.campaign.Platform;
import org.candor.campaign.PostFormat;
import org.candor.campaign.ProductCategory;
import org.candor.campaign.RelationshipKind;
import org.candor.campaign.ReusedContentKind;

/**
 * The sheets of the campaign workbook and their columns, in template order: what the template
 * writes, the writer fills and the reader expects. A column named like a field of format v1
 * ({@code platform}, {@code relationship.kind}) holds that field of the row's object; the other
 * columns tie a row to the object it belongs to ({@code post}, {@code influencer}) or name a row
 * for others to refer to ({@code key}).
 */
final class Layout {

    /** What a column holds, which decides how its cells are written and read. */
    enum Kind {
        TEXT,
        INTEGER,
        LONG,
        NUMBER,
        /** A number from 0 to 100; a cell formatted as a percentage (12.5%) reads as 12.5. */
        PERCENT,
        BOOLEAN,
        ENUM,
        /** A calendar date, ISO-8601 text ({@code 2026-09-30}) or a spreadsheet date. */
        DATE,
        /** A moment, ISO-8601 text with its offset from UTC. */
        TIMESTAMP,
        /** A list of short codes in one cell, separated by commas. */
        CODES
    }

    /** What a column is to the row's object. */
    enum Role {
        /** A field of format v1, named by its path inside the row's object. */
        FIELD,
        /** Names the object the row belongs to (a post id, an influencer handle, a claim id). */
        PARENT,
        /** A label other rows use to point at this row; not part of format v1. */
        KEY
    }

    /**
     * One column. {@code choices} is the enum a dropdown column holds (null for the others);
     * {@code required} says, for the instructions, that format v1 needs the value.
     */
    record Column(
            String name, Kind kind, Role role, Class<? extends Enum<?>> choices, boolean required, String meaning) {

        static Column field(String name, Kind kind, boolean required, String meaning) {
            return new Column(name, kind, Role.FIELD, null, required, meaning);
        }

        static Column choice(String name, Class<? extends Enum<?>> type, boolean required, String meaning) {
            return new Column(name, Kind.ENUM, Role.FIELD, type, required, meaning);
        }

        static Column parent(String name, boolean required, String meaning) {
            return new Column(name, Kind.TEXT, Role.PARENT, null, required, meaning);
        }

        static Column key(String name, String meaning) {
            return new Column(name, Kind.TEXT, Role.KEY, null, false, meaning);
        }

        /** The names a dropdown column accepts, in the enum's order. */
        List<String> names() {
            return choices == null
                    ? List.of()
                    : Arrays.stream(choices.getEnumConstants()).map(Enum::name).toList();
        }

        /** The constant of the column's enum with this exact name, or null. */
        Enum<?> constant(String name) {
            for (Enum<?> e : choices.getEnumConstants()) {
                if (e.name().equals(name)) {
                    return e;
                }
            }
            return null;
        }

        /** Whether the template formats the column as text, so what is typed stays as typed. */
        boolean textFormat() {
            return switch (kind) {
                case TEXT, ENUM, DATE, TIMESTAMP, CODES -> true;
                default -> false;
            };
        }

        /** Whether the column offers a dropdown list. */
        boolean hasChoices() {
            return kind == Kind.ENUM || kind == Kind.BOOLEAN;
        }

        /** The values of the dropdown. */
        List<String> dropdown() {
            return kind == Kind.BOOLEAN ? List.of("TRUE", "FALSE") : names();
        }
    }

    record Sheet(String name, String holds, List<Column> columns) {

        List<String> headers() {
            return columns.stream().map(Column::name).toList();
        }

        Column column(String name) {
            for (Column c : columns) {
                if (c.name().equals(name)) {
                    return c;
                }
            }
            return null;
        }
    }

    private static final String TIMESTAMP_NOTE =
            " ISO-8601 with its offset from UTC, such as 2026-10-02T10:00:00Z or 2026-10-02T12:00:00+02:00.";
    private static final String POST_PARENT = "The id of the post (Posts sheet) this row belongs to.";

    static final Sheet CAMPAIGN = new Sheet(
            CampaignTemplate.CAMPAIGN,
            "The campaign itself: one row, row 2.",
            List.of(
                    Column.field("formatVersion", Kind.INTEGER, true, "The version of the submission format: 1."),
                    Column.field("reference", Kind.TEXT, true, "The agency's reference for the campaign."),
                    Column.field("agency", Kind.TEXT, true, "The agency submitting the campaign."),
                    Column.field("brand", Kind.TEXT, true, "The brand promoted."),
                    Column.choice("productCategory", ProductCategory.class, true, "What the campaign promotes."),
                    Column.field(
                            "jurisdictions",
                            Kind.CODES,
                            false,
                            "ISO 3166 codes separated by commas, such as US, UK; the default rules know US, UK,"
                                    + " FR and EU. Empty means US."),
                    Column.field(
                            "submittedAt",
                            Kind.TIMESTAMP,
                            false,
                            "The moment the campaign is judged as of;" + TIMESTAMP_NOTE
                                    + " Empty: the time Candor receives it."),
                    Column.field(
                            "offerAuthorised",
                            Kind.BOOLEAN,
                            false,
                            "FINANCIAL and CRYPTO campaigns: whether the provider holds the authorisation its"
                                    + " market requires. Empty: unknown.")));

    static final Sheet INFLUENCERS = new Sheet(
            CampaignTemplate.INFLUENCERS,
            "One row per influencer (person or channel) taking part.",
            List.of(
                    Column.field("handle", Kind.TEXT, true, "The influencer's handle; other sheets refer to it."),
                    Column.field("displayName", Kind.TEXT, false, "The name shown."),
                    Column.field("age", Kind.INTEGER, false, "Age in years, if known."),
                    Column.field(
                            "strongAppealToUnder18",
                            Kind.BOOLEAN,
                            false,
                            "Whether the person is of strong appeal to under-18s."),
                    Column.choice(
                            "relationship.kind",
                            RelationshipKind.class,
                            false,
                            "The tie with the brand; anything but NONE must be disclosed."),
                    Column.field(
                            "relationship.brandControlsContent",
                            Kind.BOOLEAN,
                            false,
                            "Whether the brand controls what is posted."),
                    Column.field(
                            "relationship.forbidsNegativeOpinion",
                            Kind.BOOLEAN,
                            false,
                            "Whether the brief or contract bars saying anything negative."),
                    Column.field("usedProduct", Kind.BOOLEAN, false, "Whether the influencer used the product."),
                    Column.field("audience.followers", Kind.LONG, false, "Followers as stated."),
                    Column.field(
                            "audience.verifiedFollowers", Kind.LONG, false, "Followers as verified on the platform."),
                    Column.field("audience.engagementRate", Kind.PERCENT, false, "Engagement rate, 0 to 100."),
                    Column.field(
                            "audience.suspectedFakeFollowersPct",
                            Kind.PERCENT,
                            false,
                            "Share of suspected fake followers, 0 to 100."),
                    Column.field(
                            "audience.under18Pct", Kind.PERCENT, false, "Share of the audience under 18, 0 to 100."),
                    Column.field(
                            "audience.verifiedOn", Kind.DATE, false, "When the audience was verified, YYYY-MM-DD."),
                    Column.field(
                            "audience.verificationSource", Kind.TEXT, false, "Where the verified figures come from."),
                    Column.field(
                            "establishedIn",
                            Kind.TEXT,
                            false,
                            "Where the influencer is established, as a two-letter code such as FR; French rules"
                                    + " follow it.")));

    static final Sheet CLAIMS = new Sheet(
            CampaignTemplate.CLAIMS,
            "What influencers claim about themselves: one row per claim.",
            List.of(
                    Column.parent(
                            "influencer", true, "The handle of the influencer (Influencers sheet) making the claim."),
                    Column.field(
                            "id", Kind.TEXT, true, "The claim's id, unique for its influencer; Evidence refers to it."),
                    Column.choice("kind", ClaimKind.class, true, "What is claimed."),
                    Column.field("statement", Kind.TEXT, false, "The claim as made."),
                    Column.field("claimedValue", Kind.NUMBER, false, "The number claimed, if any.")));

    static final Sheet POSTS = new Sheet(
            CampaignTemplate.POSTS,
            "One row per published post.",
            List.of(
                    Column.field(
                            "id", Kind.TEXT, true, "The post's id, unique in the campaign; other sheets refer to it."),
                    Column.field("influencer", Kind.TEXT, true, "The handle of the influencer (Influencers sheet)."),
                    Column.choice("platform", Platform.class, true, "Where the post is published."),
                    Column.choice("format", PostFormat.class, true, "The shape of the post."),
                    Column.field("language", Kind.TEXT, false, "Language tag of the post, such as en, fr or en-GB."),
                    Column.field("text", Kind.TEXT, false, "Caption, description or transcript as published."),
                    Column.field(
                            "platformDisclosureLabel",
                            Kind.BOOLEAN,
                            false,
                            "Whether the platform's own paid-partnership label is switched on."),
                    Column.field("imageOverlay", Kind.TEXT, false, "Text put on a single-image post; empty: none."),
                    Column.choice("imageAlteration", ImageAlteration.class, false, "How the pictures were altered."),
                    Column.field(
                            "featuresPeopleUnder25",
                            Kind.BOOLEAN,
                            false,
                            "Whether someone shown is, or seems, under 25."),
                    Column.field(
                            "video.durationSeconds",
                            Kind.INTEGER,
                            false,
                            "Video, live and audio posts: length in seconds. Its disclosures go on the"
                                    + " VideoDisclosures sheet."),
                    Column.field(
                            "publishedAt", Kind.TIMESTAMP, false, "When the post was published;" + TIMESTAMP_NOTE)));

    static final Sheet FRAMES = new Sheet(
            CampaignTemplate.FRAMES,
            "Frames of stories and carousels: one row per frame.",
            List.of(
                    Column.parent("post", true, POST_PARENT),
                    Column.field("index", Kind.INTEGER, true, "The frame's number in the post."),
                    Column.field("text", Kind.TEXT, false, "The frame's text."),
                    Column.field(
                            "disclosureOverlay", Kind.TEXT, false, "The disclosure shown on the frame; empty: none.")));

    static final Sheet VIDEO_DISCLOSURES = new Sheet(
            CampaignTemplate.VIDEO_DISCLOSURES,
            "Disclosures made inside a video, live or audio post: one row per disclosure.",
            List.of(
                    Column.parent("post", true, POST_PARENT),
                    Column.field("atSeconds", Kind.INTEGER, true, "When it starts, in seconds from the start."),
                    Column.field("spoken", Kind.BOOLEAN, false, "Whether it is said aloud."),
                    Column.field("onScreen", Kind.BOOLEAN, false, "Whether it is shown on screen."),
                    Column.field("onScreenSeconds", Kind.INTEGER, false, "How long it stays on screen, in seconds."),
                    Column.field("text", Kind.TEXT, false, "The words of the disclosure.")));

    static final Sheet REUSED_CONTENT = new Sheet(
            CampaignTemplate.REUSED_CONTENT,
            "Content a post takes from someone else: one row per item.",
            List.of(
                    Column.parent("post", true, POST_PARENT),
                    Column.choice("kind", ReusedContentKind.class, true, "What was taken."),
                    Column.field("description", Kind.TEXT, false, "What it is."),
                    Column.field("owner", Kind.TEXT, false, "Whose it is."),
                    Column.field("credited", Kind.BOOLEAN, false, "Whether the owner is credited in the post."),
                    Column.field("licensed", Kind.BOOLEAN, false, "Whether it is licensed."),
                    Column.field(
                            "consentObtained",
                            Kind.BOOLEAN,
                            false,
                            "Quotes, testimonials and likenesses of named people: whether they consented.")));

    static final Sheet LINKS = new Sheet(
            CampaignTemplate.LINKS,
            "Links in posts: one row per link.",
            List.of(
                    Column.parent("post", true, POST_PARENT),
                    Column.field("url", Kind.TEXT, true, "The link."),
                    Column.field("affiliate", Kind.BOOLEAN, false, "Whether it is an affiliate link.")));

    static final Sheet PRODUCT_CLAIMS = new Sheet(
            CampaignTemplate.PRODUCT_CLAIMS,
            "Claims a post makes about the product: one row per claim; what substantiates it goes on the"
                    + " Evidence sheet.",
            List.of(
                    Column.parent("post", true, POST_PARENT),
                    Column.key(
                            "key",
                            "A short label for the claim, unique within its post (pc1, pc2, ...), for Evidence rows"
                                    + " to refer to; not part of the campaign itself."),
                    Column.field("statement", Kind.TEXT, true, "The claim as made.")));

    static final Sheet EVIDENCE = new Sheet(
            CampaignTemplate.EVIDENCE,
            "Evidence: one row per item. Fill influencer and claim for the evidence of an influencer's claim"
                    + " (Claims sheet), or post and productClaim for what substantiates a product claim"
                    + " (ProductClaims sheet).",
            List.of(
                    Column.parent("influencer", false, "The handle of the influencer whose claim this backs."),
                    Column.parent("claim", false, "The id of that influencer's claim (Claims sheet)."),
                    Column.parent("post", false, "The id of the post whose product claim this substantiates."),
                    Column.parent("productClaim", false, "The key of that product claim (ProductClaims sheet)."),
                    Column.choice("kind", EvidenceKind.class, true, "What kind of evidence it is."),
                    Column.field("description", Kind.TEXT, false, "What it is."),
                    Column.field("reference", Kind.TEXT, false, "Where to find it: a document number, a URL."),
                    Column.field("verifiedBy", Kind.TEXT, false, "Who checked it."),
                    Column.field("verifiedOn", Kind.DATE, false, "When it was checked, YYYY-MM-DD.")));

    /** The data sheets, in the template's order. */
    static final List<Sheet> SHEETS = List.of(
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

    private static final Map<String, Sheet> BY_NAME = new LinkedHashMap<>();

    static {
        for (Sheet s : SHEETS) {
            BY_NAME.put(s.name(), s);
        }
    }

    private Layout() {}

    static Sheet sheet(String name) {
        return BY_NAME.get(name);
    }

    /** The place of a sheet in the template, for ordering problems; unknown sheets come last. */
    static int order(String sheet) {
        int i = 0;
        for (Sheet s : SHEETS) {
            if (s.name().equals(sheet)) {
                return i;
            }
            i++;
        }
        return i;
    }

    /** Sheets a workbook must have; the others may be left out when they would be empty. */
    static boolean required(Sheet sheet) {
        return sheet == CAMPAIGN || sheet == INFLUENCERS;
    }
}
