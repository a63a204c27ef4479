package org.candor.evaluation.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.candor.campaign.Evidence;
import org.candor.campaign.EvidenceKind;
import org.candor.campaign.Influencer;
import org.junit.jupiter.api.Test;

class IndependenceTest {

    private final Influencer jane = new Influencer("jane.doe", "Jane Doe", 29, false, null, true, null, null);

    private static Evidence checkedBy(String who) {
        return new Evidence(EvidenceKind.DOCUMENT, "licence", null, who, LocalDate.parse("2026-09-01"));
    }

    @Test
    void theInfluencerByHandleNameOrMailboxIsNoIndependentVerifier() {
        for (String self : new String[] {
            "jane.doe",
            "@Jane.Doe",
            "Jane Doe",
            "jane_doe",
            "janedoe@mail.example",
            "self",
            "Self-verified",
            "ME",
            "the influencer"
        }) {
            assertThat(Independence.independent(checkedBy(self), jane)).as(self).isFalse();
            assertThat(Independence.selfVerified(checkedBy(self), jane))
                    .as(self)
                    .isTrue();
        }
    }

    @Test
    void someoneElseIsIndependent() {
        for (String other :
                new String[] {"compliance@northwind", "State medical board", "jane.doe.agent@northwind", "Janet Doel"
                }) {
            assertThat(Independence.independent(checkedBy(other), jane))
                    .as(other)
                    .isTrue();
        }
    }

    @Test
    void evidenceWithoutVerifierOrDateIsNeitherIndependentNorSelfVerified() {
        Evidence undated = new Evidence(EvidenceKind.DOCUMENT, "licence", null, "compliance@northwind", null);
        Evidence blank = new Evidence(EvidenceKind.DOCUMENT, "licence", null, " ", LocalDate.parse("2026-09-01"));
        assertThat(Independence.independent(undated, jane)).isFalse();
        assertThat(Independence.selfVerified(undated, jane)).isFalse();
        assertThat(Independence.independent(blank, jane)).isFalse();
    }

    @Test
    void aSelfReportedAudienceSourceNamesTheInfluencer() {
        assertThat(Independence.namesInfluencer("self-reported", jane)).isTrue();
        assertThat(Independence.namesInfluencer("platform insights export", jane))
                .isFalse();
        assertThat(Independence.namesInfluencer(null, jane)).isFalse();
    }
}
