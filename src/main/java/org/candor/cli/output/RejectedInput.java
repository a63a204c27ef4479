package org.candor.cli.output;

import java.util.List;
import org.candor.campaign.Problem;

/**
 * An input that could not be judged: an invalid campaign (its problems by JSON path), or a file
 * that could not be read (one problem at {@code $}).
 */
public record RejectedInput(String source, List<Problem> problems) {
    public RejectedInput {
        problems = List.copyOf(problems);
    }
}
