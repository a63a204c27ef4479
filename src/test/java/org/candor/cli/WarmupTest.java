package org.candor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.candor.campaign.Campaign;
import org.candor.campaign.CampaignReader;
import org.candor.campaign.InvalidCampaignException;
import org.junit.jupiter.api.Test;

/** The work readied beside the rules: what it hands over reads as what the command would make itself. */
class WarmupTest {

    private static final Path SPEC_EXAMPLE = Path.of("src/test/resources/campaigns/spec-example.json");

    @Test
    void theReaderMadeAheadReadsAsANewOne() throws Exception {
        byte[] json = Files.readAllBytes(SPEC_EXAMPLE);
        CampaignReader ahead = Warmup.start(true).reader();
        Campaign campaign = ahead.read(json);
        assertThat(campaign).isEqualTo(new CampaignReader().read(json));
        assertThat(campaign.reference()).isEqualTo("ACME-SPRING-26");
    }

    @Test
    void theReaderMadeAheadRefusesWhatANewOneRefuses() {
        CampaignReader ahead = Warmup.start(false).reader();
        assertThatThrownBy(() -> ahead.read("{ \"formatVersion\": 1, ".getBytes()))
                .isInstanceOf(InvalidCampaignException.class);
        assertThatThrownBy(() -> ahead.read("{\"formatVersion\": 1, \"surplus\": true}".getBytes()))
                .isInstanceOf(InvalidCampaignException.class);
    }

    @Test
    void everyCallGetsTheSameReader() {
        Warmup warmup = Warmup.start(false);
        assertThat(warmup.reader()).isSameAs(warmup.reader());
    }
}
