package org.candor.campaign.workbook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.candor.campaign.Audience;
import org.candor.campaign.Campaign;
import org.candor.campaign.Claim;
import org.candor.campaign.Evidence;
import org.candor.campaign.Frame;
import org.candor.campaign.Influencer;
import org.candor.campaign.Link;
import org.candor.campaign.Post;
import org.candor.campaign.ProductClaim;
import org.candor.campaign.Relationship;
import org.candor.campaign.ReusedContent;
import org.candor.campaign.Video;
import org.candor.campaign.VideoDisclosure;

/**
 * A campaign laid out as the rows of the template's sheets, each row a map from column name to
 * value: the reverse of {@link CampaignAssembler}. Product claims get keys {@code pc1}, {@code pc2},
 * ... within their post, for their substantiation rows on the Evidence sheet to name.
 */
final class CampaignRows {

    private final Map<String, List<Map<String, Object>>> sheets = new HashMap<>();

    private CampaignRows() {
        for (Layout.Sheet s : Layout.SHEETS) {
            sheets.put(s.name(), new ArrayList<>());
        }
    }

    static Map<String, List<Map<String, Object>>> of(Campaign c) {
        CampaignRows rows = new CampaignRows();
        rows.campaign(c);
        return rows.sheets;
    }

    private Map<String, Object> row(String sheet) {
        Map<String, Object> row = new LinkedHashMap<>();
        sheets.get(sheet).add(row);
        return row;
    }

    private void campaign(Campaign c) {
        Map<String, Object> row = row(CampaignTemplate.CAMPAIGN);
        row.put("formatVersion", c.formatVersion());
        row.put("reference", c.reference());
        row.put("agency", c.agency());
        row.put("brand", c.brand());
        row.put("productCategory", c.productCategory());
        row.put("jurisdictions", c.jurisdictions().isEmpty() ? null : c.jurisdictions());
        row.put("submittedAt", c.submittedAt());
        row.put("offerAuthorised", c.offerAuthorised());
        for (Influencer i : c.influencers()) {
            if (i != null) {
                influencer(i);
            }
        }
        for (Post p : c.posts()) {
            if (p != null) {
                post(p);
            }
        }
    }

    private void influencer(Influencer i) {
        Map<String, Object> row = row(CampaignTemplate.INFLUENCERS);
        row.put("handle", i.handle());
        row.put("displayName", i.displayName());
        row.put("age", i.age());
        row.put("strongAppealToUnder18", i.strongAppealToUnder18());
        Relationship r = i.relationship();
        if (r != null) {
            row.put("relationship.kind", r.kind());
            row.put("relationship.brandControlsContent", r.brandControlsContent());
            row.put("relationship.forbidsNegativeOpinion", r.forbidsNegativeOpinion());
        }
        row.put("usedProduct", i.usedProduct());
        Audience a = i.audience();
        if (a != null) {
            row.put("audience.followers", a.followers());
            row.put("audience.verifiedFollowers", a.verifiedFollowers());
            row.put("audience.engagementRate", a.engagementRate());
            row.put("audience.suspectedFakeFollowersPct", a.suspectedFakeFollowersPct());
            row.put("audience.under18Pct", a.under18Pct());
            row.put("audience.verifiedOn", a.verifiedOn());
            row.put("audience.verificationSource", a.verificationSource());
        }
        for (Claim claim : i.claims()) {
            if (claim == null) {
                continue;
            }
            Map<String, Object> c = row(CampaignTemplate.CLAIMS);
            c.put("influencer", i.handle());
            c.put("id", claim.id());
            c.put("kind", claim.kind());
            c.put("statement", claim.statement());
            c.put("claimedValue", claim.claimedValue());
            for (Evidence e : claim.evidence()) {
                if (e != null) {
                    Map<String, Object> ev = evidence(e);
                    ev.put("influencer", i.handle());
                    ev.put("claim", claim.id());
                }
            }
        }
    }

    private Map<String, Object> evidence(Evidence e) {
        Map<String, Object> row = row(CampaignTemplate.EVIDENCE);
        row.put("kind", e.kind());
        row.put("description", e.description());
        row.put("reference", e.reference());
        row.put("verifiedBy", e.verifiedBy());
        row.put("verifiedOn", e.verifiedOn());
        return row;
    }

    private void post(Post p) {
        Map<String, Object> row = row(CampaignTemplate.POSTS);
        row.put("id", p.id());
        row.put("influencer", p.influencer());
        row.put("platform", p.platform());
        row.put("format", p.format());
        row.put("language", p.language());
        row.put("text", p.text());
        row.put("platformDisclosureLabel", p.platformDisclosureLabel());
        row.put("imageOverlay", p.imageOverlay());
        row.put("imageAlteration", p.imageAlteration());
        row.put("featuresPeopleUnder25", p.featuresPeopleUnder25());
        Video video = p.video();
        if (video != null) {
            row.put("video.durationSeconds", video.durationSeconds());
            for (VideoDisclosure d : video.disclosures()) {
                if (d == null) {
                    continue;
                }
                Map<String, Object> r = row(CampaignTemplate.VIDEO_DISCLOSURES);
                r.put("post", p.id());
                r.put("atSeconds", d.atSeconds());
                r.put("spoken", d.spoken());
                r.put("onScreen", d.onScreen());
                r.put("onScreenSeconds", d.onScreenSeconds());
                r.put("text", d.text());
            }
        }
        row.put("publishedAt", p.publishedAt());
        for (Frame f : p.frames()) {
            if (f == null) {
                continue;
            }
            Map<String, Object> r = row(CampaignTemplate.FRAMES);
            r.put("post", p.id());
            r.put("index", f.index());
            r.put("text", f.text());
            r.put("disclosureOverlay", f.disclosureOverlay());
        }
        for (ReusedContent rc : p.reusedContent()) {
            if (rc == null) {
                continue;
            }
            Map<String, Object> r = row(CampaignTemplate.REUSED_CONTENT);
            r.put("post", p.id());
            r.put("kind", rc.kind());
            r.put("description", rc.description());
            r.put("owner", rc.owner());
            r.put("credited", rc.credited());
            r.put("licensed", rc.licensed());
            r.put("consentObtained", rc.consentObtained());
        }
        for (Link l : p.links()) {
            if (l == null) {
                continue;
            }
            Map<String, Object> r = row(CampaignTemplate.LINKS);
            r.put("post", p.id());
            r.put("url", l.url());
            r.put("affiliate", l.affiliate());
        }
        int n = 0;
        for (ProductClaim pc : p.productClaims()) {
            if (pc == null) {
                continue;
            }
            String key = "pc" + (++n);
            Map<String, Object> r = row(CampaignTemplate.PRODUCT_CLAIMS);
            r.put("post", p.id());
            r.put("key", key);
            r.put("statement", pc.statement());
            for (Evidence e : pc.substantiation()) {
                if (e != null) {
                    Map<String, Object> ev = evidence(e);
                    ev.put("post", p.id());
                    ev.put("productClaim", key);
                }
            }
        }
    }
}
