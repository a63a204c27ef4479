package org.candor.rules;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.candor.system.CandorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The rule set in force. It is built when the service starts, and the service does not start
 * when it fails to build: every problem is logged with file, line and message. Evaluations take
 * {@link #current()} once and keep it, so each result names the rule set that judged it.
 */
@Service
public class RuleService {
    private static final Logger log = LoggerFactory.getLogger(RuleService.class);

    private final Path rulesDir;
    private final RuleSetLoader loader = new RuleSetLoader();
    private final AtomicReference<RuleSet> current = new AtomicReference<>();

    public RuleService(CandorProperties properties) {
        this.rulesDir = properties.rulesDir();
        try {
            RuleSet rs = loader.load(rulesDir);
            current.set(rs);
            log.info("rules loaded from {}: {} rules, rule set {}", rulesDir.toAbsolutePath(), rs.catalog().size(), rs.hash());
        } catch (RuleBuildException e) {
            log.error("rules in {} do not build:\n  {}", rulesDir.toAbsolutePath(), String.join(
                    "\n  ", e.problems().stream().map(BuildProblem::toString).toList()));
            throw e;
        }
    }

    public RuleSet current() {
        return current.get();
    }

    public Path rulesDir() {
        return rulesDir;
    }
}
