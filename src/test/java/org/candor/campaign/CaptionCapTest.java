package org.candor.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Texts are capped by the format: 10,000 characters for a caption, 100,000 for long formats. */
class CaptionCapTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CampaignReader reader = new CampaignReader();

    /** The SPEC example with its post's format and text replaced. */
    private static byte[] withPost(String format, String text) throws Exception {
        ObjectNode c = (ObjectNode) JSON.readTree(
                Path.of("src/test/resources/campaigns/spec-example.json").toFile());
        ObjectNode post = (ObjectNode) c.get("posts").get(0);
        post.put("format", format);
        post.put("text", text);
        return JSON.writeValueAsBytes(c);
    }

    private static String caption(int length) {
        return "#ad " + "1".repeat(length - 4);
    }

    @Test
    void aCaptionAtTheCapIsAcceptedAndOneCharacterMoreIsRejectedByPath() throws Exception {
        assertThat(reader.read(withPost("FEED", caption(10_000))).posts().get(0).text())
                .hasSize(10_000);

        assertThatThrownBy(() -> reader.read(withPost("FEED", caption(10_001))))
                .isInstanceOfSatisfying(InvalidCampaignException.class, e -> assertThat(e.problems())
                        .containsExactly(new Problem(
                                "$.posts[0].text",
                                "is 10,001 characters long; a FEED post's text may have at most 10,000")));
    }

    @Test
    void longFormatsMayCarryAHundredThousandCharacters() throws Exception {
        for (String format : new String[] {"LONG_VIDEO", "LIVE", "ARTICLE", "AUDIO"}) {
            assertThat(reader.read(withPost(format, caption(100_000)))
                            .posts()
                            .get(0)
                            .text())
                    .hasSize(100_000);
            assertThatThrownBy(() -> reader.read(withPost(format, caption(100_001))))
                    .isInstanceOfSatisfying(
                            InvalidCampaignException.class,
                            e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                                assertThat(p.path()).isEqualTo("$.posts[0].text");
                                assertThat(p.message()).contains("at most 100,000");
                            }));
        }
        assertThatThrownBy(() -> reader.read(withPost("REEL", caption(10_001))))
                .isInstanceOf(InvalidCampaignException.class);
    }

    @Test
    void charactersAreCountedAsCharactersNotAsUtf16Units() throws Exception {
        // 10,000 emoji are 20,000 UTF-16 units, and within the cap.
        String emoji = "\uD83D\uDE00".repeat(10_000);
        assertThat(reader.read(withPost("FEED", emoji)).posts().get(0).text()).isEqualTo(emoji);
        assertThatThrownBy(() -> reader.read(withPost("FEED", emoji + "x")))
                .isInstanceOf(InvalidCampaignException.class);
    }

    @Test
    void framesOverlaysAndDisclosureTextsAreCappedAsCaptions() throws Exception {
        ObjectNode c = (ObjectNode) JSON.readTree(withPost("STORY", "#ad hello"));
        ObjectNode post = (ObjectNode) c.get("posts").get(0);
        post.put("imageOverlay", caption(10_001));
        ObjectNode frame = post.putArray("frames").addObject();
        frame.put("index", 1);
        frame.put("text", caption(10_001));
        frame.put("disclosureOverlay", caption(10_001));

        assertThatThrownBy(() -> reader.read(JSON.writeValueAsBytes(c)))
                .isInstanceOfSatisfying(InvalidCampaignException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path)
                        .containsExactlyInAnyOrder(
                                "$.posts[0].imageOverlay",
                                "$.posts[0].frames[0].text",
                                "$.posts[0].frames[0].disclosureOverlay"));
    }
}
