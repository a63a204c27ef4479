package org.candor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.candor.evaluation.BoundsExceededException;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Evaluator;
import org.candor.evaluation.Verdict;
import org.candor.intake.WorkbookCampaignReader;
import org.candor.report.ExcelReportWriter;
import org.candor.rules.RuleBuildException;
import org.candor.rules.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code candor check FILE|DIR... [--rules DIR] [--out DIR] [--format xlsx|json] [--max-firings N]
 * [--deadline DURATION]}.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluates campaign files (format v1 JSON, or the .xlsx template filled in) and writes one Excel report per campaign.",
            "Exit 0 when all pass, 1 when any fails, 2 on bad input, 3 when an evaluation was stopped at its bounds."
        })
final class CheckCommand implements Callable<Integer> {

    enum Format {
        xlsx,
        json
    }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(
            paramLabel = "FILE|DIR",
            arity = "1..*",
            description = "Campaign files (.json, .xlsx), or folders of them.")
    List<Path> inputs;

    @Mixin
    RulesOption rules;

    @Mixin
    BoundsOption bounds;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "reports",
            description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--format",
            defaultValue = "xlsx",
            description = "xlsx: write reports and print one line per campaign; json: print the results on stdout.")
    Format format;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Evaluator evaluator;
        try {
            evaluator = new Evaluator(bounds.bounds());
        } catch (IllegalArgumentException e) {
            stderr.println("candor: " + e.getMessage());
            return CandorCli.BAD_INPUT;
        }
        List<Path> files;
        try {
            files = expand(inputs);
        } catch (IOException e) {
            stderr.println("candor: " + e.getMessage());
            return CandorCli.BAD_INPUT;
        }
        if (files.isEmpty()) {
            stderr.println("candor: no campaign files (*.json, *.xlsx) in " + inputs);
            return CandorCli.BAD_INPUT;
        }
        RuleSet ruleSet;
        try {
            ruleSet = rules.load();
        } catch (RuleBuildException e) {
            stderr.println("candor: the rules in " + rules.dir + " do not build:");
            e.problems().forEach(p -> stderr.println("  " + p));
            return CandorCli.BAD_INPUT;
        }
        CampaignReader reader = new CampaignReader();
        WorkbookCampaignReader workbooks = new WorkbookCampaignReader();
        ExcelReportWriter writer = new ExcelReportWriter();
        String submittedBy = "cli:" + System.getProperty("user.name", "unknown");
        boolean badInput = false;
        boolean anyFail = false;
        boolean stopped = false;
        List<EvaluationResult> results = new ArrayList<>();
        for (Path file : files) {
            Campaign campaign;
            try {
                campaign = isWorkbook(file) ? workbooks.read(file) : reader.read(file);
            } catch (InvalidCampaignException e) {
                badInput = true;
                stderr.println(file + ": rejected, " + e.problems().size() + " problem(s):");
                for (Problem p : e.problems()) {
                    stderr.println("  " + p.path() + ": " + p.message());
                }
                continue;
            } catch (IOException e) {
                badInput = true;
                stderr.println(file + ": cannot be read: " + e.getMessage());
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
                stderr.println(file + ": stopped, " + e.getMessage());
                continue;
            }
            anyFail |= result.verdict() == Verdict.FAIL;
            if (format == Format.json) {
                results.add(result);
                continue;
            }
            try {
                Path report = writer.writeTo(out, result, submittedBy);
                stdout.println(line(result, report));
            } catch (IOException e) {
                stderr.println(file + ": the report could not be written: " + e.getMessage());
                return CandorCli.BAD_INPUT;
            }
        }
        if (format == Format.json) {
            try {
                stdout.println(Json.MAPPER.writeValueAsString(results.size() == 1 ? results.get(0) : results));
            } catch (IOException e) {
                stderr.println("candor: " + e.getMessage());
                return CandorCli.BAD_INPUT;
            }
        }
        if (badInput) {
            return CandorCli.BAD_INPUT;
        }
        return stopped ? CandorCli.STOPPED : anyFail ? CandorCli.FAIL : CandorCli.PASS;
    }

    /** "ACME-SPRING-26  FAIL  3 FAIL, 1 WARN, 0 INFO  reports/ACME-SPRING-26-0c1d2e3f4a5b.xlsx". */
    static String line(EvaluationResult r, Path report) {
        return String.format(
                Locale.ROOT,
                "%-24s %-4s  %d FAIL, %d WARN, %d INFO  %s",
                r.reference(),
                r.verdict(),
                r.count("FAIL"),
                r.count("WARN"),
                r.count("INFO"),
                report);
    }

    /** Spreadsheets go to the workbook reader, which refuses macro and legacy formats by content. */
    static boolean isWorkbook(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".xlsx") || name.endsWith(".xlsm") || name.endsWith(".xls");
    }

    /** Files as given; folders become their *.json and *.xlsx files, sorted, recursively. */
    static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> walk = Files.walk(in)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> p.getFileName()
                                            .toString()
                                            .toLowerCase(Locale.ROOT)
                                            .endsWith(".json")
                                    || p.getFileName()
                                            .toString()
                                            .toLowerCase(Locale.ROOT)
                                            .endsWith(".xlsx"))
                            .sorted()
                            .forEach(files::add);
                }
            } else if (Files.isRegularFile(in)) {
                files.add(in);
            } else {
                throw new IOException(in + ": no such file or folder");
            }
        }
        return files;
    }
}
