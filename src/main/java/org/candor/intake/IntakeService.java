package org.candor.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.candor.campaign.Campaign;
import org.candor.campaign.CampaignReader;
import org.candor.campaign.NotJsonException;
import org.candor.campaign.workbook.WorkbookCampaignReader;
import org.candor.evaluation.BoundsExceededException;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Evaluator;
import org.candor.rules.RuleService;
import org.candor.rules.RuleSet;
import org.candor.system.Account;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Takes campaigns in: checks them, stores them as received, then evaluates them and stores the
 * result. A submission is stored before it is evaluated and marked evaluated in the same
 * transaction that stores its evaluation, so a crash in between leaves it RECEIVED, and it is
 * evaluated when the service next starts: nothing accepted is lost or judged twice.
 *
 * <p>Evaluations run on the {@link EvaluationPool} under the bounds of {@code candor.evaluation}:
 * a submission that arrives when every place is taken is refused before it is read or stored
 * (503; a key sent again is then refused too, and answered once a place is free), and
 * one whose evaluation reaches a bound is stored as ERROR with the reason (422). {@link Recovery} runs in
 * the background once the service is up, tries each submission a limited number of times (counted
 * before each try, so one that stops the process counts too) and marks it ERROR after that.
 */
@Service
public class IntakeService {
    private static final Logger log = LoggerFactory.getLogger(IntakeService.class);

    private final SubmissionStore store;
    private final RuleService rules;
    private final Evaluator evaluator;
    private final CampaignReader reader;
    private final WorkbookCampaignReader workbooks;

    /** How a workbook's campaign is stored: format v1 JSON, dates as ISO-8601 text. */
    private static final ObjectMapper PAYLOAD = CampaignReader.strictMapper()
            .rebuild()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            .build();

    public static final String WORKBOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private final Clock clock;
    private final EvaluationArchive archive;
    private final MeterRegistry meters;
    private final Timer latency;
    private final ActiveWaivers waivers;
    private final EvaluationPool pool;

    public IntakeService(
            SubmissionStore store,
            RuleService rules,
            MeterRegistry meters,
            ActiveWaivers waivers,
            EvaluationArchive archive,
            EvaluationPool pool,
            Evaluator evaluator,
            CampaignReader reader,
            WorkbookCampaignReader workbooks) {
        this.store = store;
        this.waivers = waivers;
        this.rules = rules;
        this.clock = Clock.systemUTC();
        this.pool = pool;
        this.evaluator = evaluator;
        this.reader = reader;
        this.workbooks = workbooks;
        this.archive = archive;
        this.meters = meters;
        this.latency = Timer.builder("candor.evaluation.latency")
                .description("Time to evaluate one campaign")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(meters);
        for (String verdict : new String[] {"PASS", "FAIL"}) {
            evaluations(verdict);
        }
    }

    /**
     * Accepts a campaign: 400 for a body that is not JSON, 422 (InvalidCampaignException) for one
     * that breaks the format, 403 when an agency user names another agency; otherwise stored and
     * evaluated.
     */
    public StoredEvaluation submit(byte[] body, String contentType, Account account) {
        return submit(body, contentType, account, null).evaluation();
    }

    /**
     * Accepts a campaign as {@link #submit(byte[], String, Account)} does, once per {@code
     * idempotencyKey} (null for none): a campaign sent again with a key this user has sent before
     * gets the first evaluation of the first submission back, marked as a repeat, and nothing new
     * is stored. The body must be UTF-8, with or without a byte order mark.
     */
    public Accepted submit(byte[] body, String contentType, Account account, String idempotencyKey) {
        checkKey(idempotencyKey);
        if (body == null || body.length == 0) {
            throw new MalformedSubmissionException("the body is empty; send a campaign as JSON");
        }
        // A place before the body is read: a busy service refuses at the cost of a refusal, not
        // of reading and checking a campaign it will not judge.
        try (EvaluationPool.Place place = pool.reserve()) {
            String text = Utf8Body.decode(body);
            Campaign campaign;
            try {
                // One read of the bytes: not JSON at all is 400, a campaign that breaks the format 422.
                campaign = reader.readBody(Utf8Body.withoutBom(body));
            } catch (NotJsonException e) {
                throw new MalformedSubmissionException(e.getMessage());
            }
            return accept(place, campaign, body, contentType, text, account, idempotencyKey);
        }
    }

    /** The most characters of an Idempotency-Key. */
    public static final int MAX_KEY_LENGTH = 255;

    /** A key is 1 to 255 visible ASCII characters (a UUID is the usual choice). */
    static void checkKey(String key) {
        if (key == null) {
            return;
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new MalformedSubmissionException(
                    "the Idempotency-Key is 1 to " + MAX_KEY_LENGTH + " visible ASCII characters, such as a UUID");
        }
    }

    /**
     * Accepts a campaign uploaded as a filled-in workbook: 422 (InvalidCampaignException, each
     * problem at its sheet and cell) when it breaks the format or is not a safe workbook.
     * The campaign is stored as format v1 JSON, so it is re-evaluated like any other.
     */
    public StoredEvaluation submitWorkbook(byte[] xlsx, Account account) {
        return submitWorkbook(xlsx, account, null).evaluation();
    }

    /** Accepts a workbook once per {@code idempotencyKey}, as {@link #submit(byte[], String, Account, String)}. */
    public Accepted submitWorkbook(byte[] xlsx, Account account, String idempotencyKey) {
        checkKey(idempotencyKey);
        try (EvaluationPool.Place place = pool.reserve()) { // before the workbook is read, as for JSON
            Campaign campaign = workbooks.read(xlsx);
            String json;
            try {
                json = PAYLOAD.writeValueAsString(campaign);
            } catch (IOException e) {
                throw new IllegalStateException("campaign cannot be written as JSON", e);
            }
            return accept(place, campaign, xlsx, WORKBOOK_TYPE, json, account, idempotencyKey);
        }
    }

    /**
     * Accepts a campaign uploaded as a file, by its name: {@code .json} as JSON, {@code .xlsx} (and
     * macro or legacy workbooks, which the workbook reader refuses by their content) as the
     * campaign workbook; anything else is refused as malformed.
     */
    public StoredEvaluation submitUpload(String fileName, byte[] content, Account account) {
        return submitUpload(fileName, content, account, null).evaluation();
    }

    /** Accepts an uploaded file once per {@code idempotencyKey}, as {@link #submit(byte[], String, Account, String)}. */
    public Accepted submitUpload(String fileName, byte[] content, Account account, String idempotencyKey) {
        String name = fileName == null ? "" : fileName.toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".json")) {
            return submit(content, "application/json", account, idempotencyKey);
        }
        if (name.endsWith(".xlsx") || name.endsWith(".xlsm") || name.endsWith(".xls")) {
            return submitWorkbook(content, account, idempotencyKey);
        }
        throw new MalformedSubmissionException(
                "upload a campaign as .json or as the .xlsx template; got '" + fileName + "'");
    }

    /** Stores and judges a campaign read in the place taken for it. */
    private Accepted accept(
            EvaluationPool.Place place,
            Campaign campaign,
            byte[] raw,
            String contentType,
            String payload,
            Account account,
            String key) {
        if (account.isAgency() && !account.agency().equals(campaign.agency())) {
            throw new AgencyMismatchException(account.agency(), campaign.agency());
        }
        String hash = sha256(raw);
        if (key != null) {
            Optional<Submission> earlier = store.submissionByKey(account.username(), key);
            if (earlier.isPresent()) {
                return repeat(place, earlier.get(), hash, key, account);
            }
        }
        Instant now = clock.instant();
        Submission s = new Submission(
                TimeOrderedIds.next(),
                campaign.reference(),
                campaign.agency(),
                campaign.brand(),
                account.username(),
                now,
                campaign.submittedAt() != null ? campaign.submittedAt() : now,
                Submission.RECEIVED,
                hash,
                contentType,
                payload);
        try {
            // stored with its first attempt counted, as startAttempt would before evaluating
            store.insertStarted(s, key);
        } catch (DuplicateKeyException e) {
            // the same key sent twice at once: the other request stored first
            Submission earlier = store.submissionByKey(account.username(), key).orElseThrow(() -> e);
            return repeat(place, earlier, hash, key, account);
        }
        StoredEvaluation e = evaluate(place, s, campaign, account.username(), true);
        if (e == null) {
            // Evaluated meanwhile by the recovery of a restart; answer with that evaluation.
            return new Accepted(store.firstEvaluation(s.id()).orElseThrow(), false);
        }
        return new Accepted(e, false);
    }

    /**
     * The answer to a key sent again: the first evaluation of the earlier submission. When that
     * submission was stored but never evaluated (its request failed after storing it), it is
     * evaluated now, once; when it ended in ERROR, the answer says so again.
     *
     * @param place the place taken for this request
     */
    private Accepted repeat(EvaluationPool.Place place, Submission earlier, String hash, String key, Account account) {
        if (!earlier.inputHash().equals(hash)) {
            throw new IdempotencyKeyReusedException(key);
        }
        Optional<StoredEvaluation> first = store.firstEvaluation(earlier.id());
        if (first.isPresent()) {
            return new Accepted(first.get(), true);
        }
        SubmissionStore.State state = store.state(earlier.id()).orElseThrow();
        if (Submission.ERROR.equals(state.status())) {
            throw new EvaluationStoppedException(earlier.id(), state.error());
        }
        store.startAttempt(earlier.id());
        StoredEvaluation e = evaluate(place, earlier, campaignOf(earlier), account.username(), true);
        return new Accepted(e != null ? e : store.firstEvaluation(earlier.id()).orElseThrow(), true);
    }

    /** Judges a stored submission again under the rules in force now; the old evaluation stays. */
    public StoredEvaluation reevaluate(Submission s, Account account) {
        try (EvaluationPool.Place place = pool.reserve()) {
            return evaluate(place, s, campaignOf(s), account.username(), false);
        }
    }

    /** Judges a stored submission again under a given rule set, such as the one it was first judged by. */
    public StoredEvaluation reevaluate(Submission s, Account account, RuleSet ruleSet) {
        Campaign campaign = campaignOf(s).withSubmittedAt(s.asOf());
        Timer.Sample sample = Timer.start(meters);
        EvaluationResult result;
        try (EvaluationPool.Place place = pool.reserve()) {
            result = place.run(() -> evaluator.evaluate(campaign, ruleSet));
        } catch (BoundsExceededException e) {
            throw new EvaluationStoppedException(s.id(), false, e);
        }
        return store(s, account.username(), false, result, sample);
    }

    private Campaign campaignOf(Submission s) {
        return reader.read(s.payload().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Evaluates in the place taken; a first evaluation that reaches a bound leaves the submission
     * ERROR with the reason.
     *
     * @throws EvaluationStoppedException when the evaluation reached a bound
     */
    private StoredEvaluation evaluate(
            EvaluationPool.Place place, Submission s, Campaign campaign, String by, boolean first) {
        Timer.Sample sample = Timer.start(meters);
        Campaign asOf = campaign.withSubmittedAt(s.asOf());
        EvaluationResult result;
        try {
            result = place.run(() -> {
                try (RuleService.Lease lease = rules.lease()) {
                    return evaluator.evaluate(asOf, lease.ruleSet());
                }
            });
        } catch (BoundsExceededException e) {
            stopped(e.bound().name()).increment();
            boolean marked = first && store.markError(s.id(), e.getMessage());
            if (marked) {
                log.warn("submission {} stored as ERROR: {}", s.id(), e.getMessage());
            }
            throw new EvaluationStoppedException(s.id(), marked, e);
        }
        return store(s, by, first, result, sample);
    }

    private Counter stopped(String bound) {
        return Counter.builder("candor.evaluation.stopped")
                .description("Evaluations stopped at a bound, by bound")
                .tag("bound", bound)
                .register(meters);
    }

    private StoredEvaluation store(
            Submission s, String by, boolean first, EvaluationResult result, Timer.Sample sample) {
        sample.stop(latency);
        if (!first) {
            result = waivers.applyActive(s.id(), result);
        }
        StoredEvaluation e = new StoredEvaluation(TimeOrderedIds.next(), s.id(), s.submittedBy(), by, result);
        if (!store.insert(e, first)) {
            log.info("submission {} was evaluated elsewhere meanwhile", s.id());
            return null;
        }
        evaluations(result.verdict().name()).increment();
        archive.archive(e.id(), result, s.submittedBy());
        return e;
    }

    private Counter evaluations(String verdict) {
        return Counter.builder("candor.evaluations")
                .description("Evaluations stored, by verdict")
                .tag("verdict", verdict)
                .register(meters);
    }

    /** Evaluates a submission a crash left RECEIVED ({@link Recovery}), in the place taken. */
    StoredEvaluation evaluateOnRecovery(EvaluationPool.Place place, Submission s) {
        return evaluate(place, s, campaignOf(s), "recovery", true);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
