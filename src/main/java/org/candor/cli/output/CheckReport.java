package org.candor.cli.output;

import java.util.List;
import org.candor.rules.RuleMeta;

/**
 * Everything one run of {@code candor check} produced, handed to a {@link Renderer}.
 *
 * @param toolVersion the version of Candor that judged
 * @param ruleSetHash the hash of the rule set that judged
 * @param catalog the rules of that rule set, from their metadata
 * @param campaigns the campaigns judged, in the order they were given
 * @param rejected the inputs that could not be judged
 * @param failOn the severity from which a finding fails the check
 */
public record CheckReport(
        String toolVersion,
        String ruleSetHash,
        List<RuleMeta> catalog,
        List<CheckedCampaign> campaigns,
        List<RejectedInput> rejected,
        FailOn failOn) {

    public CheckReport {
        catalog = List.copyOf(catalog);
        campaigns = List.copyOf(campaigns);
        rejected = List.copyOf(rejected);
    }

    /** Whether any campaign reaches the {@code --fail-on} threshold. */
    public boolean failed() {
        return campaigns.stream().anyMatch(c -> failOn.isMetBy(c.result()));
    }
}
