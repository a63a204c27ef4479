package org.candor.submission;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.candor.campaign.Campaign;
import org.candor.campaign.CampaignReader;
import org.candor.campaign.CampaignValidator;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Evaluator;
import org.candor.report.ExcelReportWriter;
import org.candor.rules.RuleService;
import org.candor.system.Account;
import org.candor.system.CandorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Takes campaigns in: checks them, stores them as received, then evaluates them and stores the
 * result. A submission is stored before it is evaluated and marked evaluated in the same
 * transaction that stores its evaluation, so a crash in between leaves it RECEIVED, and it is
 * evaluated when the service next starts: nothing accepted is lost or judged twice.
 */
@Service
public class IntakeService {
    private static final Logger log = LoggerFactory.getLogger(IntakeService.class);

    private final SubmissionStore store;
    private final RuleService rules;
    private final Evaluator evaluator;
    private final CampaignReader reader;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Path reportsDir;
    private final MeterRegistry meters;
    private final Timer latency;
    private final WaiverService waivers;

    public IntakeService(
            SubmissionStore store,
            RuleService rules,
            CandorProperties properties,
            ObjectMapper mapper,
            MeterRegistry meters,
            WaiverService waivers) {
        this.store = store;
        this.waivers = waivers;
        this.rules = rules;
        this.clock = Clock.systemUTC();
        this.evaluator = new Evaluator(clock);
        this.reader = new CampaignReader(new CampaignValidator(properties.maxPosts()));
        this.mapper = mapper;
        this.reportsDir = properties.reportsDir();
        this.meters = meters;
        this.latency = Timer.builder("candor.evaluation.latency")
                .description("Time to evaluate one campaign")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(meters);
    }

    /**
     * Accepts a campaign: 400 for a body that is not JSON, 422 (InvalidCampaignException) for one
     * that breaks the format, 403 when an agency user names another agency; otherwise stored and
     * evaluated.
     */
    public StoredEvaluation submit(byte[] body, String contentType, Account account) {
        if (body == null || body.length == 0) {
            throw new MalformedSubmissionException("the body is empty; send a campaign as JSON");
        }
        try {
            mapper.readTree(body);
        } catch (JsonParseException e) {
            throw new MalformedSubmissionException("the body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new MalformedSubmissionException("the body cannot be read as JSON");
        }
        Campaign campaign = reader.read(body);
        if (account.isAgency() && !account.agency().equals(campaign.agency())) {
            throw new AgencyMismatchException(account.agency(), campaign.agency());
        }
        Instant now = clock.instant();
        Submission s = new Submission(
                UUID.randomUUID().toString(),
                campaign.reference(),
                campaign.agency(),
                campaign.brand(),
                account.username(),
                now,
                campaign.submittedAt() != null ? campaign.submittedAt() : now,
                Submission.RECEIVED,
                sha256(body),
                contentType,
                new String(body, StandardCharsets.UTF_8));
        store.insert(s);
        return evaluate(s, campaign, account.username(), true);
    }

    /** Judges a stored submission again under the rules in force now; the old evaluation stays. */
    public StoredEvaluation reevaluate(Submission s, Account account) {
        return evaluate(s, campaignOf(s), account.username(), false);
    }

    private Campaign campaignOf(Submission s) {
        return reader.read(s.payload().getBytes(StandardCharsets.UTF_8));
    }

    private StoredEvaluation evaluate(Submission s, Campaign campaign, String by, boolean first) {
        Timer.Sample sample = Timer.start(meters);
        EvaluationResult result;
        try (RuleService.Lease lease = rules.lease()) {
            result = evaluator.evaluate(campaign.withSubmittedAt(s.asOf()), lease.ruleSet());
        }
        sample.stop(latency);
        if (!first) {
            result = waivers.applyActive(s.id(), result);
        }
        StoredEvaluation e = new StoredEvaluation(UUID.randomUUID().toString(), s.id(), s.submittedBy(), by, result);
        if (!store.insert(e, first)) {
            log.info("submission {} was evaluated elsewhere meanwhile", s.id());
            return null;
        }
        Counter.builder("candor.evaluations")
                .description("Evaluations stored, by verdict")
                .tag("verdict", result.verdict().name())
                .register(meters)
                .increment();
        writeReport(result, s.submittedBy());
        return e;
    }

    private void writeReport(EvaluationResult result, String submittedBy) {
        try {
            new ExcelReportWriter().writeTo(reportsDir, result, submittedBy);
        } catch (IOException | RuntimeException e) {
            // The evaluation is stored; the workbook can always be downloaded from the API.
            log.warn("report for {} not written to {}: {}", result.reference(), reportsDir, e.toString());
        }
    }

    /** Evaluates what a crash left RECEIVED, once the service is up. */
    @EventListener(ApplicationReadyEvent.class)
    public int recover() {
        List<Submission> pending = store.received();
        int done = 0;
        for (Submission s : pending) {
            try {
                if (evaluate(s, campaignOf(s), "recovery", true) != null) {
                    done++;
                }
            } catch (RuntimeException e) {
                log.error("submission {} could not be evaluated on recovery", s.id(), e);
            }
        }
        if (!pending.isEmpty()) {
            log.info("recovered {} of {} submission(s) left RECEIVED", done, pending.size());
        }
        return done;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
