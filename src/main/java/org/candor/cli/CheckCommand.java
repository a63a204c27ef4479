package org.candor.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.candor.campaign.Campaign;
import org.candor.campaign.CampaignReader;
import org.candor.campaign.InvalidCampaignException;
import org.candor.campaign.Problem;
import org.candor.campaign.workbook.WorkbookCampaignReader;
import org.candor.checking.CheckParts;
import org.candor.cli.output.CheckReport;
import org.candor.cli.output.CheckedCampaign;
import org.candor.cli.output.FailOn;
import org.candor.cli.output.OutputFormat;
import org.candor.cli.output.RejectedInput;
import org.candor.cli.output.SourceMap;
import org.candor.evaluation.BoundsExceededException;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Evaluator;
import org.candor.evaluation.Verdict;
import org.candor.report.ExcelReportWriter;
import org.candor.rules.RuleBuildException;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code candor check FILE|DIR|-... [--rules DIR] [--format xlsx|text|json|sarif|junit|csv]
 * [--output FILE] [--out DIR] [--fail-on fail|warn] [--max-firings N] [--deadline DURATION]}.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluates campaign files (format v1 JSON, or the .xlsx template filled in) and writes one Excel report per"
                    + " campaign (xlsx), or the results in one format for pipelines (text, json, sarif, junit, csv).",
            "Exit 0 when no campaign fails, 1 when any fails (at or above --fail-on), 2 on bad input, 3 when an"
                    + " evaluation was stopped at its bounds (--max-firings, --deadline)."
        })
final class CheckCommand implements Callable<Integer> {

    /** What {@code --format} accepts: the Excel reports, or one of the renderers' formats. */
    enum Format {
        xlsx(null),
        text(OutputFormat.TEXT),
        json(OutputFormat.JSON),
        sarif(OutputFormat.SARIF),
        junit(OutputFormat.JUNIT),
        csv(OutputFormat.CSV);

        final OutputFormat output;

        Format(OutputFormat output) {
            this.output = output;
        }
    }

    /** The names {@code --fail-on} accepts. */
    enum Threshold {
        fail(FailOn.FAIL),
        warn(FailOn.WARN);

        final FailOn failOn;

        Threshold(FailOn failOn) {
            this.failOn = failOn;
        }
    }

    static final String STDIN = "-";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    CandorCli parent;

    @Parameters(
            paramLabel = "FILE|DIR|-",
            arity = "1..*",
            description =
                    "Campaign files (.json, .xlsx), folders of them, or - to read one campaign from standard input.")
    List<String> inputs;

    @Mixin
    RulesOption rules;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "reports",
            description = "Folder of the Excel reports, with --format xlsx (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--format",
            defaultValue = "xlsx",
            description = "xlsx (default): write Excel reports and print a line per campaign; "
                    + "text, json, sarif (2.1.0), junit (XML) or csv: print the results in that format.")
    Format format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write what would be printed to FILE instead of standard output.")
    Path output;

    @Option(
            names = "--fail-on",
            defaultValue = "fail",
            paramLabel = "fail|warn",
            description = "Exit 1 when a campaign has a FAIL finding (fail, default), or a FAIL or WARN one (warn);"
                    + " waived findings never count.")
    Threshold failOn;

    @Mixin
    BoundsOption bounds;

    @Override
    public Integer call() {
        PrintWriter stderr = spec.commandLine().getErr();
        CheckParts parts;
        Evaluator evaluator;
        try {
            parts = CheckParts.withoutPostLimit(bounds.bounds());
            evaluator = parts.evaluator();
        } catch (IllegalArgumentException e) {
            stderr.println("candor: " + e.getMessage());
            return CandorCli.BAD_INPUT;
        }
        List<Source> sources;
        try {
            sources = expand(inputs);
        } catch (IOException e) {
            stderr.println("candor: " + e.getMessage());
            return CandorCli.BAD_INPUT;
        }
        if (sources.isEmpty()) {
            stderr.println("candor: no campaign files (*.json, *.xlsx) in " + inputs);
            return CandorCli.BAD_INPUT;
        }
        if (sources.stream().filter(s -> s.file() == null).count() > 1) {
            stderr.println("candor: standard input (-) can be read only once");
            return CandorCli.BAD_INPUT;
        }
        // The reader, the text tables and the report classes are readied beside the rules.
        Warmup warmup = Warmup.start(parts, format == Format.xlsx);
        RuleSet ruleSet;
        long started = System.nanoTime();
        try {
            ruleSet = rules.load();
            stderr.printf(
                    Locale.ROOT,
                    "rules: %d from %s, rule set %s, ready in %.1f s%n",
                    ruleSet.catalog().size(),
                    rules.dir,
                    ruleSet.shortHash(),
                    seconds(started));
            stderr.flush();
        } catch (RuleBuildException e) {
            stderr.println("candor: the rules in " + rules.dir + " do not build:");
            e.problems().forEach(p -> stderr.println("  " + p));
            return CandorCli.BAD_INPUT;
        }
        try {
            return check(sources, ruleSet, parts, evaluator, warmup.reader(), started);
        } finally {
            RuleSetLoader.dispose(ruleSet);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** "[3/9] examples/x.json FAIL": where a check of many campaigns is, on standard error. */
    private static void progress(PrintWriter stderr, int n, int of, String source, String outcome) {
        stderr.printf(Locale.ROOT, "[%d/%d] %s %s%n", n, of, source, outcome);
        stderr.flush();
    }

    private int check(
            List<Source> sources,
            RuleSet ruleSet,
            CheckParts parts,
            Evaluator evaluator,
            CampaignReader reader,
            long started) {
        PrintWriter stderr = spec.commandLine().getErr();
        WorkbookCampaignReader workbooks = parts.workbookReader();
        ExcelReportWriter writer = CheckParts.reportWriter();
        String submittedBy = "cli:" + System.getProperty("user.name", "unknown");
        List<CheckedCampaign> checked = new ArrayList<>();
        List<RejectedInput> rejected = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        boolean stopped = false;
        int n = 0;
        int stoppedCount = 0;
        for (Source source : sources) {
            n++;
            Campaign campaign;
            SourceMap locations;
            byte[] bytes;
            try {
                if (source.file() != null && isWorkbook(source.file())) {
                    campaign = workbooks.read(source.file());
                    locations = SourceMap.of(campaign);
                } else if (source.file() != null) {
                    bytes = Files.readAllBytes(source.file());
                    campaign = reader.read(bytes);
                    locations = SourceMap.of(campaign, bytes);
                } else if (isWorkbook(bytes = parent.stdin.readAllBytes())) {
                    campaign = workbooks.read(bytes);
                    locations = SourceMap.of(campaign);
                } else {
                    campaign = reader.read(bytes);
                    locations = SourceMap.of(campaign, bytes);
                }
            } catch (InvalidCampaignException e) {
                stderr.println(source.name() + ": rejected, " + e.problems().size() + " problem(s):");
                for (Problem p : e.problems()) {
                    stderr.println("  " + p.path() + ": " + p.message());
                }
                rejected.add(new RejectedInput(source.name(), e.problems()));
                progress(stderr, n, sources.size(), source.name(), "rejected");
                continue;
            } catch (IOException e) {
                stderr.println(source.name() + ": cannot be read: " + e.getMessage());
                rejected.add(new RejectedInput(
                        source.name(), List.of(new Problem("$", "cannot be read: " + e.getMessage()))));
                progress(stderr, n, sources.size(), source.name(), "rejected");
                continue;
            }
            if (campaign.submittedAt() == null) {
                campaign = campaign.withSubmittedAt(Instant.now());
            }
            EvaluationResult result;
            try {
                result = evaluator.evaluate(campaign, ruleSet);
            } catch (BoundsExceededException e) {
                stopped = true;
                stoppedCount++;
                stderr.println(source.name() + ": stopped, " + e.getMessage());
                progress(stderr, n, sources.size(), source.name(), "stopped");
                continue;
            }
            progress(stderr, n, sources.size(), source.name(), result.verdict().name());
            checked.add(new CheckedCampaign(source.name(), campaign, result, locations));
            if (format == Format.xlsx) {
                try {
                    Path report = writer.writeTo(out, result, submittedBy);
                    lines.append(line(result, report)).append('\n');
                } catch (IOException e) {
                    stderr.println(source.name() + ": the report could not be written: " + e.getMessage());
                    return CandorCli.BAD_INPUT;
                }
            }
        }
        CheckReport report = new CheckReport(
                CandorCli.version(), ruleSet.hash(), ruleSet.catalog(), checked, rejected, failOn.failOn);
        try {
            if (format == Format.xlsx) {
                emit(lines.toString().getBytes(StandardCharsets.UTF_8));
            } else {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                format.output.renderer().render(report, buffer);
                emit(buffer.toByteArray());
            }
        } catch (IOException e) {
            stderr.println("candor: " + (output == null ? "" : output + ": ") + "cannot be written: " + e.getMessage());
            return CandorCli.BAD_INPUT;
        }
        long passed = checked.stream()
                .filter(c -> c.result().verdict() == Verdict.PASS)
                .count();
        stderr.printf(
                Locale.ROOT,
                "%d campaign(s) in %.1f s: %d PASS, %d FAIL, %d rejected, %d stopped%n",
                sources.size(),
                seconds(started),
                passed,
                checked.size() - passed,
                rejected.size(),
                stoppedCount);
        stderr.flush();
        if (!rejected.isEmpty()) {
            return CandorCli.BAD_INPUT;
        }
        return stopped ? CandorCli.STOPPED : report.failed() ? CandorCli.FAIL : CandorCli.PASS;
    }

    /** To standard output, or whole into {@code --output} (written beside it, then moved in place). */
    private void emit(byte[] bytes) throws IOException {
        if (output == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(new String(bytes, StandardCharsets.UTF_8));
            stdout.flush();
            return;
        }
        Path target = output.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
        try {
            try (OutputStream file = Files.newOutputStream(partial)) {
                file.write(bytes);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** "ACME-SPRING-26  FAIL  3 FAIL, 1 WARN, 0 INFO  reports/ACME-SPRING-26-0c1d2e3f4a5b.xlsx". */
    static String line(EvaluationResult r, Path report) {
        return String.format(
                Locale.ROOT,
                "%-24s %-4s  %d FAIL, %d WARN, %d INFO  %s",
                r.reference(),
                r.verdict(),
                r.counts().fails(),
                r.counts().warnings(),
                r.counts().infos(),
                report);
    }

    /** Spreadsheets go to the workbook reader, which refuses macro and legacy formats by content. */
    static boolean isWorkbook(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".xlsx") || name.endsWith(".xlsm") || name.endsWith(".xls");
    }

    /** Standard input is a workbook when it starts as a zip does ({@code PK}). */
    static boolean isWorkbook(byte[] bytes) {
        return bytes.length >= 2 && bytes[0] == 'P' && bytes[1] == 'K';
    }

    /** An input: a file, or standard input ({@code file} null). */
    record Source(String name, Path file) {}

    /** Files as given; folders become their *.json and *.xlsx files, sorted, recursively; - is standard input. */
    static List<Source> expand(List<String> inputs) throws IOException {
        List<Source> sources = new ArrayList<>();
        for (String input : inputs) {
            if (input.equals(STDIN)) {
                sources.add(new Source("stdin", null));
                continue;
            }
            Path in = Path.of(input);
            if (Files.isDirectory(in)) {
                try (Stream<Path> walk = Files.walk(in)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> {
                                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                                return name.endsWith(".json") || name.endsWith(".xlsx");
                            })
                            .sorted()
                            .forEach(p -> sources.add(new Source(p.toString(), p)));
                }
            } else if (Files.isRegularFile(in)) {
                sources.add(new Source(input, in));
            } else {
                throw new IOException(in + ": no such file or folder");
            }
        }
        return sources;
    }
}
