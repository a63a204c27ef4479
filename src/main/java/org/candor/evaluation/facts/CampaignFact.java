package org.candor.evaluation.facts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.candor.campaign.Campaign;
import org.candor.campaign.ProductCategory;
import org.candor.campaign.Subject;

/** The campaign as the rules see it. */
public final class CampaignFact {
    private final Campaign campaign;
    private final List<String> jurisdictions;
    private final Instant asOf;

    public CampaignFact(Campaign campaign, Instant asOf) {
        this.campaign = campaign;
        this.jurisdictions = campaign.effectiveJurisdictions();
        this.asOf = asOf;
    }

    public String getSubject() {
        return Subject.CAMPAIGN.key();
    }

    public String getReference() {
        return campaign.reference();
    }

    public String getBrand() {
        return campaign.brand();
    }

    public ProductCategory getCategory() {
        return campaign.productCategory();
    }

    /** The submission itself lists the jurisdiction (not only an influencer's establishment). */
    public boolean isListedBySubmission(String jurisdiction) {
        return campaign.listedJurisdictions().contains(jurisdiction);
    }

    public List<String> getJurisdictions() {
        return jurisdictions;
    }

    public boolean isListed(String jurisdiction) {
        return jurisdictions.contains(jurisdiction);
    }

    /** Whether any listed jurisdiction is not the given one. */
    public boolean isListedOtherThan(String jurisdiction) {
        return jurisdictions.stream().anyMatch(j -> !j.equals(jurisdiction));
    }

    public Instant getAsOf() {
        return asOf;
    }

    public LocalDate getAsOfDate() {
        return asOf.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    public Boolean getOfferAuthorised() {
        return campaign.offerAuthorised();
    }

    public boolean isGambling() {
        return campaign.productCategory() != null && campaign.productCategory().isGambling();
    }

    public boolean isAgeRestricted() {
        return campaign.productCategory() != null && campaign.productCategory().isAgeRestricted();
    }
}
