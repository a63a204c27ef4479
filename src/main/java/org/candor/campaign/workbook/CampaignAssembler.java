package org.candor.campaign.workbook;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.candor.campaign.workbook.SheetTable.DataRow;

/**
 * Builds the campaign from the rows of its sheets: each row becomes one object, in sheet order,
 * and a row of a child sheet joins the object it names (a Frames row, the post whose id is in its
 * {@code post} column). Rows naming nothing, or something that is not there, are problems at the
 * cell that names it. Every object is registered with {@link Locations} at its row.
 */
final class CampaignAssembler {

    private static final String SEP = "\u0000";

    private final Map<String, SheetTable> tables;
    private final ProblemList problems;
    private final Locations locations = new Locations();

    CampaignAssembler(Map<String, SheetTable> tables, ProblemList problems) {
        this.tables = tables;
        this.problems = problems;
    }

    Locations locations() {
        return locations;
    }

    /**
     * The rows of a child sheet, grouped by the object they name. The first object with a name
     * takes its rows; rows whose name no object took are reported by {@link #orphans}.
     */
    private final class Children {
        final SheetTable table;
        final Map<String, List<DataRow>> byKey = new LinkedHashMap<>();
        final Set<String> taken = new HashSet<>();

        Children(SheetTable table) {
            this.table = table;
        }

        void add(String key, DataRow row) {
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }

        List<DataRow> take(String key) {
            if (key == null || !taken.add(key)) {
                return List.of();
            }
            return byKey.getOrDefault(key, List.of());
        }

        Map<String, List<DataRow>> orphans() {
            Map<String, List<DataRow>> left = new LinkedHashMap<>(byKey);
            left.keySet().removeAll(taken);
            return left;
        }
    }

    /** Groups a child sheet's rows by the value of their parent column, which each row must fill. */
    private Children children(String sheet, String parentColumn, String parentMeaning) {
        Children children = new Children(tables.get(sheet));
        for (DataRow row : children.table.rows) {
            String key = row.name(parentColumn);
            if (key == null) {
                requireName(children.table, row, parentColumn, parentMeaning);
            } else {
                children.add(key, row);
            }
        }
        return children;
    }

    private void requireName(SheetTable table, DataRow row, String column, String meaning) {
        if (!row.refused(column)) {
            problems.add(table.cell(column, row.number()), "is required: " + meaning);
        }
    }

    Campaign assemble() {
        SheetTable sheet = tables.get(CampaignTemplate.CAMPAIGN);
        DataRow root;
        if (sheet.rows.isEmpty()) {
            root = new DataRow(2, Map.of(), Set.of());
            problems.add(sheet.first(2), "the campaign's row is empty; fill in row 2, under the headers");
        } else {
            root = sheet.rows.get(0);
            for (DataRow extra : sheet.rows.subList(1, sheet.rows.size())) {
                problems.add(
                        sheet.first(extra.number()),
                        "the Campaign sheet holds one campaign, in row " + root.number()
                                + "; this row is one too many");
            }
        }
        locations.row("$", sheet, root.number());

        List<Influencer> influencers = influencers();
        List<Post> posts = posts(influencers);

        @SuppressWarnings("unchecked")
        List<String> jurisdictions = (List<String>) root.get("jurisdictions");
        return new Campaign(
                (Integer) root.get("formatVersion"),
                root.text("reference"),
                root.text("agency"),
                root.text("brand"),
                (ProductCategory) root.get("productCategory"),
                jurisdictions,
                (Instant) root.get("submittedAt"),
                (Boolean) root.get("offerAuthorised"),
                influencers,
                posts);
    }

    private List<Influencer> influencers() {
        SheetTable sheet = tables.get(CampaignTemplate.INFLUENCERS);
        Children claims = children(
                CampaignTemplate.CLAIMS,
                "influencer",
                "the handle of the influencer (Influencers sheet) making the claim");
        Children evidence = claimEvidence();
        listAt("$.influencers", sheet, sheet.rows);

        List<Influencer> influencers = new ArrayList<>();
        for (DataRow row : sheet.rows) {
            String path = "$.influencers[" + influencers.size() + "]";
            locations.row(path, sheet, row.number());
            String handle = row.text("handle");
            List<DataRow> claimRows = claims.take(row.name("handle"));
            listAt(path + ".claims", claims.table, claimRows);
            influencers.add(new Influencer(
                    handle,
                    row.text("displayName"),
                    (Integer) row.get("age"),
                    (Boolean) row.get("strongAppealToUnder18"),
                    row.anyUnder("relationship.")
                            ? new Relationship(
                                    (RelationshipKind) row.get("relationship.kind"),
                                    (Boolean) row.get("relationship.brandControlsContent"),
                                    (Boolean) row.get("relationship.forbidsNegativeOpinion"))
                            : null,
                    (Boolean) row.get("usedProduct"),
                    row.anyUnder("audience.")
                            ? new Audience(
                                    (Long) row.get("audience.followers"),
                                    (Long) row.get("audience.verifiedFollowers"),
                                    (Double) row.get("audience.engagementRate"),
                                    (Double) row.get("audience.suspectedFakeFollowersPct"),
                                    (Double) row.get("audience.under18Pct"),
                                    (LocalDate) row.get("audience.verifiedOn"),
                                    row.text("audience.verificationSource"))
                            : null,
                    claims(path, handle, claimRows, claims.table, evidence),
                    row.text("establishedIn")));
        }

        Set<String> handles = handles(influencers);
        claims.orphans()
                .forEach((handle, rows) -> rows.forEach(r -> problems.add(
                        claims.table.cell("influencer", r.number()), notIn("influencer", handle, "Influencers"))));
        evidence.orphans().forEach((key, rows) -> {
            String[] parts = key.split(SEP, 2);
            for (DataRow r : rows) {
                if (!handles.contains(parts[0])) {
                    problems.add(
                            evidence.table.cell("influencer", r.number()),
                            notIn("influencer", parts[0], "Influencers"));
                } else {
                    problems.add(
                            evidence.table.cell("claim", r.number()),
                            "claim '" + parts[1] + "' of influencer '" + parts[0] + "' is not in Claims");
                }
            }
        });
        return influencers;
    }

    private List<Claim> claims(
            String influencerPath, String handle, List<DataRow> rows, SheetTable sheet, Children evidence) {
        List<Claim> claims = new ArrayList<>();
        for (DataRow row : rows) {
            String path = influencerPath + ".claims[" + claims.size() + "]";
            locations.row(path, sheet, row.number());
            String id = row.name("id");
            List<DataRow> evidenceRows = id == null ? List.of() : evidence.take(handle + SEP + id);
            claims.add(new Claim(
                    row.text("id"),
                    (ClaimKind) row.get("kind"),
                    row.text("statement"),
                    (Double) row.get("claimedValue"),
                    evidence(path + ".evidence", evidenceRows, evidence.table)));
        }
        return claims;
    }

    private List<Evidence> evidence(String listPath, List<DataRow> rows, SheetTable sheet) {
        listAt(listPath, sheet, rows);
        List<Evidence> items = new ArrayList<>();
        for (DataRow row : rows) {
            locations.row(listPath + "[" + items.size() + "]", sheet, row.number());
            items.add(new Evidence(
                    (EvidenceKind) row.get("kind"),
                    row.text("description"),
                    row.text("reference"),
                    row.text("verifiedBy"),
                    (LocalDate) row.get("verifiedOn")));
        }
        return items;
    }

    private Children claimEvidence() {
        return evidenceOf(true);
    }

    private Children productEvidence() {
        return evidenceOf(false);
    }

    /**
     * The Evidence rows backing influencers' claims (keyed by handle and claim id), or those
     * substantiating product claims (keyed by post id and product-claim key). A row fills one pair
     * of columns or the other; the problems of a row are reported once, with the claims.
     */
    private Children evidenceOf(boolean forClaims) {
        SheetTable sheet = tables.get(CampaignTemplate.EVIDENCE);
        Children children = new Children(sheet);
        for (DataRow row : sheet.rows) {
            boolean claimSide = present(row, "influencer") || present(row, "claim");
            boolean postSide = present(row, "post") || present(row, "productClaim");
            if (claimSide && postSide) {
                if (forClaims) {
                    problems.add(
                            sheet.cell("post", row.number()),
                            "fill either influencer and claim (the evidence of an influencer's claim) or post and"
                                    + " productClaim (the substantiation of a product claim), not both");
                }
                continue;
            }
            if (!claimSide && !postSide) {
                if (forClaims) {
                    problems.add(
                            sheet.cell("influencer", row.number()),
                            "is required: say what this evidence backs, by filling influencer and claim (a claim"
                                    + " on the Claims sheet) or post and productClaim (a product claim on the"
                                    + " ProductClaims sheet)");
                }
                continue;
            }
            if (claimSide != forClaims) {
                continue;
            }
            String a = forClaims ? "influencer" : "post";
            String b = forClaims ? "claim" : "productClaim";
            String first = row.name(a);
            String second = row.name(b);
            if (first == null) {
                requireName(
                        sheet,
                        row,
                        a,
                        forClaims
                                ? "the handle of the influencer whose claim this evidence backs"
                                : "the id of the post whose product claim this evidence substantiates");
            }
            if (second == null) {
                requireName(
                        sheet,
                        row,
                        b,
                        forClaims
                                ? "the id of the claim (Claims sheet) this evidence backs"
                                : "the key of the product claim (ProductClaims sheet) this evidence substantiates");
            }
            if (first != null && second != null) {
                children.add(first + SEP + second, row);
            }
        }
        return children;
    }

    /** Whether a cell holds something, even something that could not be read. */
    private static boolean present(DataRow row, String column) {
        return row.name(column) != null || row.refused(column);
    }

    private List<Post> posts(List<Influencer> influencers) {
        SheetTable sheet = tables.get(CampaignTemplate.POSTS);
        String postMeaning = "the id of the post (Posts sheet) this row belongs to";
        Children frames = children(CampaignTemplate.FRAMES, "post", postMeaning);
        Children disclosures = children(CampaignTemplate.VIDEO_DISCLOSURES, "post", postMeaning);
        Children reused = children(CampaignTemplate.REUSED_CONTENT, "post", postMeaning);
        Children links = children(CampaignTemplate.LINKS, "post", postMeaning);
        Children productClaims = children(CampaignTemplate.PRODUCT_CLAIMS, "post", postMeaning);
        Children substantiation = productEvidence();
        listAt("$.posts", sheet, sheet.rows);

        Set<String> handles = handles(influencers);
        List<Post> posts = new ArrayList<>();
        for (DataRow row : sheet.rows) {
            String path = "$.posts[" + posts.size() + "]";
            locations.row(path, sheet, row.number());
            String id = row.name("id");
            String influencer = row.name("influencer");
            if (influencer != null && !handles.contains(influencer)) {
                problems.add(sheet.cell("influencer", row.number()), notIn("influencer", influencer, "Influencers"));
            }
            List<DataRow> disclosureRows = disclosures.take(id);
            Integer duration = (Integer) row.get("video.durationSeconds");
            Video video = duration != null || !disclosureRows.isEmpty()
                    ? new Video(duration, videoDisclosures(path + ".video.disclosures", disclosureRows, disclosures))
                    : null;
            posts.add(new Post(
                    row.text("id"),
                    row.text("influencer"),
                    (Platform) row.get("platform"),
                    (PostFormat) row.get("format"),
                    row.text("language"),
                    row.text("text"),
                    (Boolean) row.get("platformDisclosureLabel"),
                    row.text("imageOverlay"),
                    (ImageAlteration) row.get("imageAlteration"),
                    (Boolean) row.get("featuresPeopleUnder25"),
                    video,
                    frames(path + ".frames", frames.take(id), frames),
                    links(path + ".links", links.take(id), links),
                    productClaims(path + ".productClaims", id, productClaims.take(id), productClaims, substantiation),
                    reusedContent(path + ".reusedContent", reused.take(id), reused),
                    (Instant) row.get("publishedAt")));
        }

        Set<String> postIds = new HashSet<>();
        posts.forEach(p -> postIds.add(p.id()));
        for (Children c : List.of(frames, disclosures, reused, links, productClaims)) {
            c.orphans()
                    .forEach((post, rows) -> rows.forEach(
                            r -> problems.add(c.table.cell("post", r.number()), notIn("post", post, "Posts"))));
        }
        substantiation.orphans().forEach((key, rows) -> {
            String[] parts = key.split(SEP, 2);
            for (DataRow r : rows) {
                if (!postIds.contains(parts[0])) {
                    problems.add(substantiation.table.cell("post", r.number()), notIn("post", parts[0], "Posts"));
                } else {
                    problems.add(
                            substantiation.table.cell("productClaim", r.number()),
                            "product claim '" + parts[1] + "' of post '" + parts[0] + "' is not in ProductClaims");
                }
            }
        });
        return posts;
    }

    private List<VideoDisclosure> videoDisclosures(String listPath, List<DataRow> rows, Children from) {
        listAt(listPath, from.table, rows);
        List<VideoDisclosure> items = new ArrayList<>();
        for (DataRow row : rows) {
            locations.row(listPath + "[" + items.size() + "]", from.table, row.number());
            items.add(new VideoDisclosure(
                    (Integer) row.get("atSeconds"),
                    (Boolean) row.get("spoken"),
                    (Boolean) row.get("onScreen"),
                    (Integer) row.get("onScreenSeconds"),
                    row.text("text")));
        }
        return items;
    }

    private List<Frame> frames(String listPath, List<DataRow> rows, Children from) {
        listAt(listPath, from.table, rows);
        List<Frame> items = new ArrayList<>();
        for (DataRow row : rows) {
            locations.row(listPath + "[" + items.size() + "]", from.table, row.number());
            items.add(new Frame((Integer) row.get("index"), row.text("text"), row.text("disclosureOverlay")));
        }
        return items;
    }

    private List<Link> links(String listPath, List<DataRow> rows, Children from) {
        listAt(listPath, from.table, rows);
        List<Link> items = new ArrayList<>();
        for (DataRow row : rows) {
            locations.row(listPath + "[" + items.size() + "]", from.table, row.number());
            items.add(new Link(row.text("url"), (Boolean) row.get("affiliate")));
        }
        return items;
    }

    private List<ReusedContent> reusedContent(String listPath, List<DataRow> rows, Children from) {
        listAt(listPath, from.table, rows);
        List<ReusedContent> items = new ArrayList<>();
        for (DataRow row : rows) {
            locations.row(listPath + "[" + items.size() + "]", from.table, row.number());
            items.add(new ReusedContent(
                    (ReusedContentKind) row.get("kind"),
                    row.text("description"),
                    row.text("owner"),
                    (Boolean) row.get("credited"),
                    (Boolean) row.get("licensed"),
                    (Boolean) row.get("consentObtained")));
        }
        return items;
    }

    private List<ProductClaim> productClaims(
            String listPath, String postId, List<DataRow> rows, Children from, Children substantiation) {
        listAt(listPath, from.table, rows);
        List<ProductClaim> items = new ArrayList<>();
        Map<String, Integer> keys = new HashMap<>();
        for (DataRow row : rows) {
            String path = listPath + "[" + items.size() + "]";
            locations.row(path, from.table, row.number());
            String key = row.name("key");
            List<DataRow> evidenceRows = List.of();
            if (key != null) {
                Integer first = keys.putIfAbsent(key, row.number());
                if (first != null) {
                    problems.add(
                            from.table.cell("key", row.number()),
                            "the key '" + key + "' is already used by another product claim of post '" + postId + "' ("
                                    + from.table.cell("key", first).path() + ")");
                } else {
                    evidenceRows = substantiation.take(postId + SEP + key);
                }
            }
            items.add(new ProductClaim(
                    row.text("statement"), evidence(path + ".substantiation", evidenceRows, substantiation.table)));
        }
        return items;
    }

    private void listAt(String path, SheetTable table, List<DataRow> rows) {
        locations.list(path, table, rows.isEmpty() ? null : rows.get(0).number());
    }

    private static Set<String> handles(List<Influencer> influencers) {
        Set<String> handles = new HashSet<>();
        for (Influencer i : influencers) {
            if (i.handle() != null) {
                handles.add(i.handle());
            }
        }
        return handles;
    }

    private static String notIn(String what, String name, String sheet) {
        return what + " " + CellText.quote(name) + " is not in " + sheet;
    }
}
