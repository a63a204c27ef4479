package org.candor.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubjectTest {

    @Test
    void eachKindIsWrittenAndReadBackByItsKey() {
        assertThat(Subject.CAMPAIGN.key()).isEqualTo("campaign");
        assertThat(Subject.post("p1").key()).isEqualTo("post:p1");
        assertThat(Subject.influencer("jane.doe").key()).isEqualTo("influencer:jane.doe");
        assertThat(Subject.claim("jane.doe", "f1").key()).isEqualTo("claim:jane.doe/f1");
        for (Subject s : List.of(
                Subject.CAMPAIGN,
                Subject.post("p1"),
                Subject.influencer("jane.doe"),
                Subject.claim("jane.doe", "f1"))) {
            assertThat(Subject.parse(s.key())).isEqualTo(s);
        }
    }

    @Test
    void theNameIsTheKeyWithoutItsKind() {
        assertThat(Subject.parse("post:p1").name()).isEqualTo("p1");
        assertThat(Subject.parse("influencer:jane.doe").name()).isEqualTo("jane.doe");
        assertThat(Subject.parse("claim:jane.doe/f1").name()).isEqualTo("jane.doe/f1");
        assertThat(Subject.parse("campaign").name()).isEqualTo("campaign");
        // A cell a spreadsheet would run stays text as it came: the writer escapes it, not the parser.
        assertThat(Subject.parse("post:=cmd|' /C calc'!A0").name()).isEqualTo("=cmd|' /C calc'!A0");
    }

    @Test
    void aClaimKeySplitsAtItsFirstSlash() {
        assertThat(Subject.parse("claim:jane/f1/x")).isEqualTo(Subject.claim("jane", "f1/x"));
    }

    @Test
    void keysThatNameNoPartOfACampaignAreKeptAsWritten() {
        for (String odd : List.of("", "post", "claim:no-slash", "brand:acme", "Campaign", "campaign ")) {
            Subject s = Subject.parse(odd);
            assertThat(s).as(odd).isInstanceOf(Subject.Other.class);
            assertThat(s.key()).isEqualTo(odd);
        }
        assertThat(Subject.parse("brand:acme").name()).isEqualTo("acme");
        assertThat(Subject.parse(null)).isNull();
        // An empty id after the kind is still that kind: the format's validation refuses it earlier.
        assertThat(Subject.parse("post:")).isEqualTo(Subject.post(""));
    }

    @Test
    void anInfluencerCoversTheirClaimsButNoOneElses() {
        Subject jane = Subject.influencer("jane");
        assertThat(jane.covers("influencer:jane")).isTrue();
        assertThat(jane.covers("claim:jane/f1")).isTrue();
        assertThat(jane.covers("claim:jane.doe/f1"))
                .as("a handle that starts the same")
                .isFalse();
        assertThat(jane.covers("influencer:jane.doe")).isFalse();
        assertThat(jane.covers("post:jane")).isFalse();
        assertThat(Subject.post("p1").covers("post:p1")).isTrue();
        assertThat(Subject.post("p1").covers("post:p10")).isFalse();
        assertThat(Subject.post("p1").covers("claim:p1/x")).isFalse();
        assertThat(Subject.CAMPAIGN.covers("campaign")).isTrue();
        assertThat(Subject.CAMPAIGN.covers("post:p1")).isFalse();
    }

    @Test
    void aCampaignsSubjectsComeInTheOrderFindingsAreListed() throws Exception {
        Campaign c = new CampaignReader().read(Path.of("src/test/resources/campaigns/spec-example.json"));
        List<String> keys = Subject.of(c).stream().map(Subject::key).toList();
        assertThat(keys.get(0)).isEqualTo("campaign");
        int influencer = keys.indexOf("influencer:" + c.influencers().get(0).handle());
        assertThat(influencer).isEqualTo(1);
        int claims = c.influencers().get(0).claims().size();
        for (int j = 0; j < claims; j++) {
            Claim claim = c.influencers().get(0).claims().get(j);
            assertThat(keys.get(influencer + 1 + j))
                    .isEqualTo("claim:" + c.influencers().get(0).handle() + "/" + claim.id());
        }
        assertThat(keys.subList(keys.size() - c.posts().size(), keys.size()))
                .containsExactlyElementsOf(
                        c.posts().stream().map(p -> "post:" + p.id()).toList());
        int claimCount =
                c.influencers().stream().mapToInt(i -> i.claims().size()).sum();
        assertThat(keys)
                .hasSize(1 + c.influencers().size() + claimCount + c.posts().size());
    }
}
