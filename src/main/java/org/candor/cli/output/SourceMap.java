package org.candor.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.candor.campaign.Campaign;
import org.candor.campaign.Claim;
import org.candor.campaign.Influencer;
import org.candor.campaign.Subject;

/**
 * Where the subjects of a finding lie in the campaign that was read: {@code post:p1} is
 * {@code $.posts[0]}, {@code claim:jane.doe/c1} is {@code $.influencers[0].claims[0]}, and, for a
 * JSON source, the line and column where that object starts.
 */
public final class SourceMap {

    /** A line and column in the source, both from 1. */
    public record Position(int line, int column) {}

    private final Map<String, String> paths;
    private final Map<String, Position> positions;

    private SourceMap(Map<String, String> paths, Map<String, Position> positions) {
        this.paths = paths;
        this.positions = positions;
    }

    /** The subjects of a campaign read from a workbook, or anything without line numbers. */
    public static SourceMap of(Campaign campaign) {
        return new SourceMap(pathsOf(campaign), Map.of());
    }

    /** The subjects of a campaign read from these JSON bytes, with their lines and columns. */
    public static SourceMap of(Campaign campaign, byte[] json) {
        return new SourceMap(pathsOf(campaign), positionsOf(json));
    }

    /** The JSON path of a subject; {@code $} for the campaign and for anything unknown. */
    public String jsonPath(String subject) {
        return paths.getOrDefault(subject, "$");
    }

    /** Where the subject starts in the source, when the source is JSON. */
    public Optional<Position> position(String subject) {
        return Optional.ofNullable(positions.get(jsonPath(subject)));
    }

    private static Map<String, String> pathsOf(Campaign campaign) {
        Map<String, String> paths = new HashMap<>();
        paths.put(Subject.CAMPAIGN.key(), "$");
        List<Influencer> influencers = campaign.influencers();
        for (int i = 0; i < influencers.size(); i++) {
            Influencer influencer = influencers.get(i);
            String at = "$.influencers[" + i + "]";
            paths.putIfAbsent(Subject.influencer(influencer.handle()).key(), at);
            List<Claim> claims = influencer.claims();
            for (int j = 0; j < claims.size(); j++) {
                paths.putIfAbsent(
                        Subject.claim(influencer.handle(), claims.get(j).id()).key(), at + ".claims[" + j + "]");
            }
        }
        for (int k = 0; k < campaign.posts().size(); k++) {
            paths.putIfAbsent(Subject.post(campaign.posts().get(k).id()).key(), "$.posts[" + k + "]");
        }
        return Map.copyOf(paths);
    }

    /** The position of every object in the document, by JSON path; empty if it does not parse. */
    private static Map<String, Position> positionsOf(byte[] json) {
        Map<String, Position> positions = new HashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT) {
                    JsonLocation at = parser.currentTokenLocation();
                    positions.putIfAbsent(
                            pathOf(parser.getParsingContext().getParent()),
                            new Position(at.getLineNr(), at.getColumnNr()));
                }
            }
        } catch (IOException e) {
            // The campaign was read already; a source that does not parse again just has no lines.
        }
        return Map.copyOf(positions);
    }

    /** "$.posts[0]" for the container context holding the current value. */
    private static String pathOf(JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            return "$";
        }
        String parent = pathOf(context.getParent());
        if (context.inArray()) {
            return parent + "[" + context.getCurrentIndex() + "]";
        }
        return parent + "." + context.getCurrentName();
    }
}
