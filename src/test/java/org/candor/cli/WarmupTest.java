package org.candor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.candor.campaign.Campaign;
import org.candor.campaign.CampaignReader;
import org.candor.campaign.InvalidCampaignException;
import org.candor.checking.CheckParts;
import org.candor.evaluation.EvaluationBounds;
import org.junit.jupiter.api.Test;

/** The work readied beside the rules: what it hands over reads as what the command would make itself. */
class WarmupTest {

    private static final Path SPEC_EXAMPLE = Path.of("src/test/resources/campaigns/spec-example.json");
    private static final Path TWO_POSTS = Path.of("src/test/resources/campaigns/two-posts.json");
    private static final CheckParts PARTS = CheckParts.withoutPostLimit(EvaluationBounds.DEFAULT);

    @Test
    void theReaderMadeAheadReadsAsANewOne() throws Exception {
        byte[] json = Files.readAllBytes(SPEC_EXAMPLE);
        CampaignReader ahead = Warmup.start(PARTS, true).reader();
        Campaign campaign = ahead.read(json);
        assertThat(campaign).isEqualTo(new CampaignReader().read(json));
        assertThat(campaign.reference()).isEqualTo("ACME-SPRING-26");
    }

    @Test
    void theReaderMadeAheadRefusesWhatANewOneRefuses() {
        CampaignReader ahead = Warmup.start(PARTS, false).reader();
        assertThatThrownBy(() -> ahead.read("{ \"formatVersion\": 1, ".getBytes()))
                .isInstanceOf(InvalidCampaignException.class);
        assertThatThrownBy(() -> ahead.read("{\"formatVersion\": 1, \"surplus\": true}".getBytes()))
                .isInstanceOf(InvalidCampaignException.class);
    }

    @Test
    void theReaderIsTheOneTheCommandsPartsMake() throws Exception {
        byte[] json = Files.readAllBytes(TWO_POSTS);
        CheckParts onePost = CheckParts.forService(1, EvaluationBounds.DEFAULT);
        assertThatThrownBy(() -> Warmup.start(onePost, false).reader().read(json))
                .isInstanceOf(InvalidCampaignException.class)
                .hasMessageContaining("at most 1 are accepted");
        assertThat(Warmup.start(PARTS, false).reader().read(json).posts()).hasSize(2);
    }

    @Test
    void everyCallGetsTheSameReader() {
        Warmup warmup = Warmup.start(PARTS, false);
        assertThat(warmup.reader()).isSameAs(warmup.reader());
    }
}
