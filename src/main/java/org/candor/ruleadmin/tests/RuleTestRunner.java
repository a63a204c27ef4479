package org.candor.ruleadmin.tests;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.candor.campaign.Campaign;
import org.candor.campaign.CampaignReader;
import org.candor.campaign.InvalidCampaignException;
import org.candor.campaign.Problem;
import org.candor.evaluation.BoundsExceededException;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Evaluator;
import org.candor.evaluation.Finding;
import org.candor.rules.RuleMeta;
import org.candor.rules.RuleSet;
import org.candor.rules.Severity;

/**
 * Runs the officer's rule tests: every {@code *.json} case file below a tests folder (by default
 * {@code rules/tests/}, one file per rule id, {@code <RULE-ID>.json}), each case an example campaign
 * with the exact set of rule ids its findings must carry.
 *
 * <p>Case files are read strictly: malformed JSON, duplicate keys and unknown fields are errors. A
 * campaign is read and validated as a submission would be. Nothing in the files stops a run: a
 * file that cannot be read, a case that is malformed, a campaign that is invalid or an evaluation
 * that throws each becomes a failed {@link CaseResult} saying what is wrong, and the run goes on. A
 * case whose evaluation reaches the evaluator's {@linkplain org.candor.evaluation.EvaluationBounds
 * bounds} fails with the bound named.
 *
 * <p>Cases run side by side, each in a session of its own under the same bounds, on as many
 * threads as the runner's parallelism (by default, the processors); the report lists them in the
 * same order a run one case at a time would. The runner keeps no state between runs but the
 * evaluator's compiled policy, and may be shared between threads.
 */
public final class RuleTestRunner {

    /** How the detail of a case stopped at the evaluator's bounds begins. */
    public static final String STOPPED_AT_BOUNDS = "evaluation exceeded its bounds: ";

    /** Whether a case failed because its evaluation was stopped at the bounds. */
    public static boolean stoppedAtBounds(CaseResult r) {
        return !r.passed() && r.detail().startsWith(STOPPED_AT_BOUNDS);
    }

    /** Name of the result that stands for a case file as a whole. */
    public static final String WHOLE_FILE = "(file)";

    private static final List<String> CASE_FIELDS =
            List.of("name", "expect", "expectVerdict", "expectSeverity", "campaign", "base", "patch");

    /**
     * The folder, directly in the tests folder, of the base campaigns compact cases start from; its
     * files are campaigns, not cases.
     */
    public static final String BASES = "bases";

    private final ObjectMapper mapper;
    /** Reads one value of a case file at a time; what follows it is checked by the file reader. */
    private final ObjectReader valueReader;

    private final CampaignReader reader;
    private final Evaluator evaluator;
    private final int parallelism;

    public RuleTestRunner() {
        this(new CampaignReader(), new Evaluator());
    }

    /** Runs as many cases at once as there are processors. */
    public RuleTestRunner(CampaignReader reader, Evaluator evaluator) {
        this(reader, evaluator, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param parallelism how many cases to evaluate at once; 1 runs them one after another
     * @throws IllegalArgumentException when it is less than 1
     */
    public RuleTestRunner(CampaignReader reader, Evaluator evaluator, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("the rule tests run at least one case at a time, got " + parallelism);
        }
        this.parallelism = parallelism;
        this.reader = reader;
        this.evaluator = evaluator;
        this.mapper = CampaignReader.strictMapper();
        // Keep decimals exactly as written when a campaign is handed on to the campaign reader.
        this.mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        this.valueReader = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Runs every case file below {@code testsDir}, in path order, against a rule set. */
    public RuleTestReport run(Path testsDir, RuleSet ruleSet) {
        return run(testsDir, ruleSet, Progress.NONE);
    }

    /**
     * Runs every case file below {@code testsDir} against a rule set, the cases side by side on up
     * to {@link #parallelism()} threads, each in a session of its own under the evaluator's bounds.
     * The results come in path, then case order, exactly as a run one case at a time gives them.
     *
     * @param progress told how many cases are done, as each one ends
     */
    public RuleTestReport run(Path testsDir, RuleSet ruleSet, Progress progress) {
        if (!Files.isDirectory(testsDir)) {
            return new RuleTestReport(List.of(
                    fileFailure(testsDir.toString(), "the rule tests folder does not exist or is not a folder")));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(testsDir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> isCaseFile(testsDir.relativize(p)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return new RuleTestReport(
                    List.of(fileFailure(testsDir.toString(), "the rule tests folder cannot be read: " + describe(e))));
        }
        List<Callable<CaseResult>> tasks = new ArrayList<>();
        Bases bases = new Bases(testsDir);
        for (Path file : files) {
            String name = testsDir.relativize(file).toString().replace('\\', '/');
            tasks.addAll(plan(file, name, ruleSet, bases));
        }
        return new RuleTestReport(runAll(tasks, progress));
    }

    /**
     * Runs the cases of one file.
     *
     * @param displayName the name results carry, usually the path relative to the tests folder
     */
    public List<CaseResult> runFile(Path file, String displayName, RuleSet ruleSet) {
        return runAll(
                plan(file, displayName, ruleSet, new Bases(file.toAbsolutePath().getParent())), Progress.NONE);
    }

    /** What a run has done so far; told from the threads that run the cases. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> {};

        /** {@code done} of {@code total} cases have ended. */
        void update(int done, int total);
    }

    /** How many cases a run evaluates at once. */
    public int parallelism() {
        return parallelism;
    }

    /** The results of one file's cases, each yet to be judged: a problem of the file is a result already. */
    private List<Callable<CaseResult>> plan(Path file, String displayName, RuleSet ruleSet, Bases bases) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            CaseResult failure = fileFailure(displayName, "the file cannot be read: " + describe(e));
            return List.of(() -> failure);
        }
        Parsed parsed = parse(bytes, file.getFileName().toString(), bases);
        if (parsed.unreadable()) {
            CaseResult failure = fileFailure(displayName, String.join("; ", parsed.fileProblems()));
            return List.of(() -> failure);
        }
        List<Callable<CaseResult>> tasks = new ArrayList<>();
        List<String> fileProblems = new ArrayList<>(parsed.fileProblems());
        if (parsed.rule() != null && ruleSet.rule(parsed.rule()).isEmpty()) {
            fileProblems.add("rule '" + parsed.rule() + "' is not in the rule set (retired or misspelt?)");
        }
        if (!fileProblems.isEmpty()) {
            CaseResult failure = fileFailure(displayName, String.join("; ", fileProblems));
            tasks.add(() -> failure);
        }
        for (Entry e : parsed.entries()) {
            tasks.add(() -> runCase(displayName, e, ruleSet));
        }
        return tasks;
    }

    /**
     * Runs the cases, the first alone (it compiles the rule set's policy tables once for all), the
     * rest on up to {@link #parallelism} threads; answers their results in the order given.
     */
    private List<CaseResult> runAll(List<Callable<CaseResult>> tasks, Progress progress) {
        int total = tasks.size();
        AtomicInteger done = new AtomicInteger();
        List<CaseResult> results = new ArrayList<>(total);
        int threads = Math.min(parallelism, total - 1);
        if (threads <= 1) {
            for (Callable<CaseResult> task : tasks) {
                results.add(call(task));
                progress.update(done.incrementAndGet(), total);
            }
            return results;
        }
        results.add(call(tasks.get(0)));
        progress.update(done.incrementAndGet(), total);
        ExecutorService pool = Executors.newFixedThreadPool(threads, CASE_THREADS);
        try {
            List<Future<CaseResult>> futures = new ArrayList<>(total - 1);
            for (Callable<CaseResult> task : tasks.subList(1, total)) {
                futures.add(pool.submit(() -> {
                    CaseResult r = call(task);
                    progress.update(done.incrementAndGet(), total);
                    return r;
                }));
            }
            for (Future<CaseResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the rule tests were interrupted", e);
        } catch (ExecutionException e) {
            // call() turns every failure into a result; an error (out of memory) is passed on.
            throw new IllegalStateException("a rule test case could not be run", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static CaseResult call(Callable<CaseResult> task) {
        try {
            return task.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Daemon threads, so a run that is abandoned never keeps the JVM up. */
    private static final ThreadFactory CASE_THREADS = new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "candor-rule-test-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    };

    /**
     * Reads a case file without running it, for coverage checks and tools.
     *
     * @throws RuleTestFileException when the file, or any case in it, cannot be used
     */
    public RuleTestFile read(Path file) {
        String name = file.getFileName().toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RuleTestFileException(name, List.of("the file cannot be read: " + describe(e)));
        }
        Parsed parsed = parse(bytes, name, new Bases(file.toAbsolutePath().getParent()));
        List<String> problems = new ArrayList<>(parsed.fileProblems());
        List<RuleTestCase> cases = new ArrayList<>();
        for (Entry e : parsed.entries()) {
            if (e.problem() != null) {
                problems.add(e.label() + ": " + e.problem());
            } else {
                cases.add(e.testCase());
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleTestFileException(name, problems);
        }
        return new RuleTestFile(parsed.rule(), cases);
    }

    /** Rule ids that some case of the file expects to fire. */
    public Set<String> firingIds(Path file) {
        return read(file).firingIds();
    }

    /** Rule ids that some case of the file shows not firing (see {@link RuleTestFile#nonFiringIds()}). */
    public Set<String> nonFiringIds(Path file) {
        return read(file).nonFiringIds();
    }

    static boolean isCaseFile(Path relative) {
        String name = relative.getFileName().toString();
        if (relative.getNameCount() > 1 && relative.getName(0).toString().equals(BASES)) {
            return false;
        }
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(".json");
    }

    // ---- reading ----

    /** One case as read: usable, or with the problem that keeps it from running. */
    private record Entry(String label, RuleTestCase testCase, String problem) {}

    /**
     * A file as read.
     *
     * @param unreadable the JSON itself is broken, so no case can be trusted
     */
    private record Parsed(String rule, List<Entry> entries, List<String> fileProblems, boolean unreadable) {}

    private Parsed parse(byte[] bytes, String fileName, Bases bases) {
        List<String> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        String rule = null;
        boolean sawRule = false;
        boolean sawCases = false;
        try (JsonParser p = mapper.createParser(bytes)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                problems.add("expected an object with 'rule' and 'cases'" + at(p.currentTokenLocation()));
                return new Parsed(null, List.of(), problems, true);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonLocation where = p.currentTokenLocation();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "rule" -> {
                        sawRule = true;
                        if (value == JsonToken.VALUE_STRING && !p.getText().isBlank()) {
                            rule = p.getText().strip();
                        } else {
                            problems.add("'rule' must be a rule id such as \"DISC-001\"" + at(where));
                            p.skipChildren();
                        }
                    }
                    case "cases" -> {
                        sawCases = true;
                        if (value != JsonToken.START_ARRAY) {
                            problems.add("'cases' must be a list of cases" + at(where));
                            p.skipChildren();
                            continue;
                        }
                        int number = 0;
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            number++;
                            int line = p.currentTokenLocation().getLineNr();
                            JsonNode node = valueReader.readTree(p);
                            entries.add(toCase(number, line, node, bases));
                        }
                    }
                    default -> {
                        problems.add(
                                "unknown field '" + field + "'" + at(where) + "; a case file has 'rule' and 'cases'");
                        p.skipChildren();
                    }
                }
            }
            if (p.nextToken() != null) {
                problems.add("unexpected content after the closing brace" + at(p.currentTokenLocation()));
                return new Parsed(rule, List.of(), problems, true);
            }
        } catch (JsonProcessingException e) {
            problems.add("not valid JSON: " + clean(e.getOriginalMessage()) + at(e.getLocation()));
            return new Parsed(rule, List.of(), problems, true);
        } catch (IOException e) {
            problems.add("the file cannot be read: " + e.getMessage());
            return new Parsed(rule, List.of(), problems, true);
        }
        if (!sawRule) {
            problems.add("'rule' is missing: name the rule the file tests, e.g. \"rule\": \"DISC-001\"");
        }
        if (!sawCases) {
            problems.add("'cases' is missing");
        } else if (entries.isEmpty()) {
            problems.add("'cases' is empty");
        }
        String stem = fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".json")
                ? fileName.substring(0, fileName.length() - ".json".length())
                : fileName;
        if (rule != null && !rule.equals(stem)) {
            problems.add("the file tests rule '" + rule + "' but is named " + fileName + "; name it " + rule + ".json");
        }
        return new Parsed(rule, entries, problems, false);
    }

    private Entry toCase(int number, int line, JsonNode node, Bases bases) {
        JsonNode nameNode = node == null ? null : node.get("name");
        String label =
                nameNode != null && nameNode.isTextual() && !nameNode.asText().isBlank()
                        ? nameNode.asText()
                        : "case " + number;
        String where = "case " + number + " (line " + line + ")";
        if (node == null || !node.isObject()) {
            return new Entry(label, null, where + " is not an object");
        }
        RuleTestCase c;
        try {
            c = mapper.treeToValue(node, RuleTestCase.class);
        } catch (UnrecognizedPropertyException e) {
            return new Entry(
                    label,
                    null,
                    where + ": unknown field '" + e.getPropertyName() + "'; a case has "
                            + String.join(", ", CASE_FIELDS));
        } catch (ValueInstantiationException e) {
            String why = e.getCause() != null ? e.getCause().getMessage() : clean(e.getOriginalMessage());
            return new Entry(label, null, where + ": " + why);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String path = e instanceof JsonMappingException m ? fieldPath(m.getPath()) : "";
            String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            return new Entry(label, null, where + ": " + path + clean(message));
        }
        List<String> problems = new ArrayList<>();
        if (c.name() == null || c.name().isBlank()) {
            problems.add("'name' is missing");
        }
        if (c.expect() == null) {
            problems.add("'expect' is missing: list the rule ids the campaign must produce ([] for none)");
        } else {
            for (String id : c.expect()) {
                if (id.isBlank()) {
                    problems.add("'expect' lists an empty rule id");
                }
            }
            for (String id : c.expectSeverity().keySet()) {
                if (!c.expect().contains(id)) {
                    problems.add("'expectSeverity' names " + id + ", which 'expect' does not list");
                }
            }
        }
        boolean written =
                c.campaign() != null && !c.campaign().isNull() && !c.campaign().isMissingNode();
        if (c.base() != null || c.patch() != null) {
            if (written) {
                problems.add("a case has either 'campaign' or 'base' with 'patch', not both");
            } else if (c.base() == null) {
                problems.add("'patch' needs a 'base': the file of bases/ whose campaign it changes");
            } else if (c.patch() != null && !c.patch().isObject()) {
                problems.add("'patch' must be an object: what the case changes of the base campaign, as a JSON Merge"
                        + " Patch (RFC 7386)");
            } else {
                Base base = bases.read(c.base());
                if (base.problem() != null) {
                    problems.add("'base' " + base.problem());
                } else {
                    c = c.withCampaign(
                            c.patch() == null
                                    ? base.campaign().deepCopy()
                                    : MergePatch.apply(base.campaign(), c.patch()));
                }
            }
        } else if (!written) {
            problems.add("'campaign' is missing: write the campaign, or name a 'base' and a 'patch'");
        } else if (!c.campaign().isObject()) {
            problems.add("'campaign' must be a campaign object (format v1)");
        }
        if (!problems.isEmpty()) {
            return new Entry(label, null, where + ": " + String.join("; ", problems));
        }
        return new Entry(label, c, null);
    }

    /** A base campaign as read, or why it cannot be used. */
    private record Base(JsonNode campaign, String problem) {}

    /**
     * The base campaigns of a tests folder, each read once: a file of the folder, named by its
     * path relative to it, which must stay inside it.
     */
    private final class Bases {
        private final Path root;
        private final Map<String, Base> read = new java.util.concurrent.ConcurrentHashMap<>();

        Bases(Path root) {
            this.root = root.toAbsolutePath().normalize();
        }

        Base read(String name) {
            return read.computeIfAbsent(name, this::load);
        }

        private Base load(String name) {
            String why = null;
            if (name.isBlank()) {
                why = "is empty; name a file of bases/, e.g. \"bases/us-instagram.json\"";
            } else if (name.contains("\\") || name.startsWith("/") || name.contains(":")) {
                why = "'" + name + "' must be a path relative to the tests folder, with '/', e.g. \"bases/x.json\"";
            } else if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
                why = "'" + name + "' must name a .json file";
            } else {
                for (String part : name.split("/")) {
                    if (part.isEmpty() || part.startsWith(".")) {
                        why = "'" + name + "' may not hold an empty part, '.' or '..', or a hidden file";
                    }
                }
            }
            if (why != null) {
                return new Base(null, why);
            }
            Path file = root.resolve(name).normalize();
            try {
                if (!file.startsWith(root) || !file.toRealPath().startsWith(root.toRealPath())) {
                    return new Base(null, "'" + name + "' is not inside the tests folder");
                }
                JsonNode campaign = valueReader
                        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                        .readTree(Files.readAllBytes(file));
                if (campaign == null || !campaign.isObject()) {
                    return new Base(null, "'" + name + "' does not hold a campaign object (format v1)");
                }
                return new Base(campaign, null);
            } catch (JsonProcessingException e) {
                return new Base(
                        null,
                        "'" + name + "' is not valid JSON: " + clean(e.getOriginalMessage()) + at(e.getLocation()));
            } catch (IOException e) {
                return new Base(null, "'" + name + "' cannot be read: " + describe(e));
            }
        }
    }

    // ---- running ----

    private CaseResult runCase(String file, Entry e, RuleSet ruleSet) {
        if (e.problem() != null) {
            return new CaseResult(file, e.label(), Set.of(), Set.of(), false, e.problem());
        }
        RuleTestCase c = e.testCase();
        CaseResult r = run(file, c, ruleSet);
        // A compact case's campaign is not written anywhere: its failure shows it.
        return !r.passed() && c.compact() ? r.withCampaign(c.campaign()) : r;
    }

    private CaseResult run(String file, RuleTestCase c, RuleSet ruleSet) {
        Campaign campaign;
        try {
            campaign = reader.read(mapper.writeValueAsBytes(c.campaign()));
        } catch (InvalidCampaignException ex) {
            List<Problem> problems = ex.problems();
            return new CaseResult(
                    file,
                    c.name(),
                    c.expect(),
                    Set.of(),
                    false,
                    "the campaign is not a valid submission (" + problems.size() + " problem"
                            + (problems.size() == 1 ? "" : "s") + "): "
                            + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        } catch (IOException | RuntimeException ex) {
            return new CaseResult(
                    file, c.name(), c.expect(), Set.of(), false, "the campaign cannot be read: " + ex.getMessage());
        }
        EvaluationResult result;
        try {
            result = evaluator.evaluate(campaign, ruleSet);
        } catch (BoundsExceededException ex) {
            return new CaseResult(file, c.name(), c.expect(), Set.of(), false, STOPPED_AT_BOUNDS + ex.getMessage());
        } catch (RuntimeException ex) {
            return new CaseResult(file, c.name(), c.expect(), Set.of(), false, "evaluation failed: " + ex);
        }
        return judge(file, c, result, ruleSet);
    }

    private static CaseResult judge(String file, RuleTestCase c, EvaluationResult result, RuleSet ruleSet) {
        List<Finding> findings = result.findings();
        SortedSet<String> actual =
                findings.stream().map(Finding::ruleId).collect(Collectors.toCollection(TreeSet::new));
        List<String> problems = new ArrayList<>();

        SortedSet<String> missing = new TreeSet<>(c.expect());
        missing.removeAll(actual);
        if (!missing.isEmpty()) {
            List<String> unknown =
                    missing.stream().filter(id -> ruleSet.rule(id).isEmpty()).toList();
            problems.add("missing " + String.join(", ", missing) + " (expected, did not fire)"
                    + (unknown.isEmpty() ? "" : "; not in the rule set: " + String.join(", ", unknown)));
        }
        SortedSet<String> unexpected = new TreeSet<>(actual);
        unexpected.removeAll(c.expect());
        if (!unexpected.isEmpty()) {
            StringBuilder sb = new StringBuilder("unexpected " + String.join(", ", unexpected) + ":");
            for (Finding f : findings) {
                if (unexpected.contains(f.ruleId())) {
                    sb.append(" [").append(describe(f)).append(']');
                }
            }
            problems.add(sb.toString());
        }
        for (Map.Entry<String, Severity> want : c.expectSeverity().entrySet()) {
            for (Finding f : findings) {
                if (f.ruleId().equals(want.getKey()) && f.severity() != want.getValue()) {
                    problems.add(f.ruleId() + " expected at " + want.getValue() + " but " + f.subject() + " got "
                            + f.severity() + " (" + f.message() + ")");
                }
            }
        }
        if (c.expectVerdict() != null && c.expectVerdict() != result.verdict()) {
            List<String> fails = findings.stream()
                    .filter(f -> f.severity() == Severity.FAIL)
                    .map(f -> f.ruleId() + " " + f.subject())
                    .toList();
            problems.add("verdict expected " + c.expectVerdict() + " but was " + result.verdict()
                    + (fails.isEmpty() ? "" : " (FAIL findings: " + String.join(", ", fails) + ")"));
        }
        boolean passed = problems.isEmpty();
        String detail = passed
                ? "ok: " + (actual.isEmpty() ? "no findings" : String.join(", ", actual))
                : String.join("; ", problems) + " | expected " + c.expect() + ", actual " + actual;
        return new CaseResult(file, c.name(), c.expect(), actual, passed, detail);
    }

    private static String describe(Finding f) {
        return f.ruleId() + " " + f.severity() + " " + f.subject() + ": " + f.message();
    }

    private static CaseResult fileFailure(String file, String detail) {
        return new CaseResult(file, WHOLE_FILE, Set.of(), Set.of(), false, detail);
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file " + e.getMessage();
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "access denied to " + e.getMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() <= 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String fieldPath(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "" : "'" + sb + "': ";
    }

    /** Keeps Jackson's explanation, drops the Java class names it adds. */
    private static String clean(String message) {
        if (message == null) {
            return "could not be read";
        }
        return message.replaceAll("`[a-z]+(\\.[a-zA-Z0-9_$]+)+(<[^`]*>)?`", "the value")
                .replaceAll("\\(class [^)]*\\)", "")
                .replaceAll("\\s+", " ")
                .trim();
    }

    /** Known rule ids of a rule set, for tools that list what the tests cover. */
    public static SortedSet<String> catalogIds(RuleSet ruleSet) {
        return ruleSet.catalog().stream().map(RuleMeta::id).collect(Collectors.toCollection(TreeSet::new));
    }
}
