package org.candor.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where an influencer is established: optional, a two-letter code, and it brings in French law. */
class EstablishedInTest {

    private static final Path SPEC_EXAMPLE = Path.of("src/test/resources/campaigns/spec-example.json");
    private final ObjectMapper json = new ObjectMapper();
    private final CampaignReader reader = new CampaignReader();

    private byte[] withEstablishedIn(String code) throws Exception {
        ObjectNode campaign = (ObjectNode) json.readTree(Files.readAllBytes(SPEC_EXAMPLE));
        ((ObjectNode) campaign.withArray("influencers").get(0)).put("establishedIn", code);
        return json.writeValueAsBytes(campaign);
    }

    @Test
    void anInfluencerEstablishedInFranceBringsInFrenchLaw() throws Exception {
        Campaign c = reader.read(withEstablishedIn("fr"));
        assertThat(c.influencers().get(0).establishedInCode()).isEqualTo("FR");
        assertThat(c.listedJurisdictions()).containsExactly("US", "UK");
        assertThat(c.effectiveJurisdictions()).containsExactly("US", "UK", "FR");
    }

    @Test
    void withoutItTheListedJurisdictionsStand() throws Exception {
        Campaign c = reader.read(Files.readAllBytes(SPEC_EXAMPLE));
        assertThat(c.influencers().get(0).establishedIn()).isNull();
        assertThat(c.effectiveJurisdictions()).containsExactly("US", "UK");
    }

    @Test
    void aCountryNameInsteadOfACodeIsRejectedWithItsPath() throws Exception {
        byte[] bad = withEstablishedIn("France");
        assertThatThrownBy(() -> reader.read(bad))
                .isInstanceOfSatisfying(InvalidCampaignException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p.path()).contains("establishedIn")));
    }
}
