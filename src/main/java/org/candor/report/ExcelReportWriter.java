package org.candor.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.candor.campaign.Subject;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Finding;
import org.candor.evaluation.RuleCheck;
import org.candor.evaluation.SubjectVerdict;
import org.candor.evaluation.Waiver;
import org.candor.report.Table.Column;
import org.candor.rules.Category;
import org.candor.rules.Severity;

/**
 * Writes the workbook of one evaluation (SPEC section 7): sheets {@code Summary}, {@code
 * Findings}, {@code Posts}, {@code Influencers} and {@code Checks}. It lays out what the result
 * says and decides nothing. Stateless and safe to share between threads.
 */
public final class ExcelReportWriter {

    /** The sheets, in order. */
    static final List<String> SHEETS = List.of("Summary", "Findings", "Posts", "Influencers", "Checks", "Waivers");

    /** The most characters of the campaign reference kept in a file name. */
    static final int MAX_REFERENCE_IN_FILE_NAME = 80;

    /** The most characters of the agency kept in a reports-folder file name. */
    static final int MAX_AGENCY_IN_FILE_NAME = 60;

    /** The most characters of an evaluation id kept in a file name (a UUID has 36). */
    static final int MAX_ID_IN_FILE_NAME = 64;

    /** Rows kept in memory per sheet; the rest are streamed to a temporary file. */
    static final int ROW_WINDOW = 200;

    /**
     * A workbook of at most this many table rows keeps them in memory ({@link
     * ReportWorkbook#small}, a few megabytes at most); a larger one streams them through temporary
     * files ({@link ReportWorkbook#large}). The same cells either way.
     */
    static final int IN_MEMORY_ROWS = 2_000;

    static final List<Column> FINDING_COLUMNS = List.of(
            Column.of("Rule", 12),
            Column.wrapped("Title", 32),
            Column.of("Category", 14),
            Column.of("Severity", 10),
            Column.of("Subject", 30),
            Column.wrapped("Message", 60),
            Column.wrapped("Evidence", 50),
            Column.wrapped("Source", 40),
            Column.wrapped("Remediation", 50),
            Column.wrapped("Waived", 28));

    static final List<Column> WAIVER_COLUMNS = List.of(
            Column.of("Rule", 12),
            Column.of("Subject", 30),
            Column.wrapped("Justification", 60),
            Column.wrapped("Approver", 24),
            Column.of("Expires on", 12),
            Column.of("Created by", 18),
            Column.of("Created at (UTC)", 21),
            Column.of("Ended by", 18),
            Column.of("Ended at (UTC)", 21),
            Column.of("Waiver", 38));

    static final List<Column> POST_COLUMNS = List.of(
            Column.of("Post", 24),
            Column.of("Influencer", 28),
            Column.of("Platform/format", 28),
            Column.of("Verdict", 10),
            Column.of("FAIL", 8),
            Column.of("WARN", 8),
            Column.of("INFO", 8));

    static final List<Column> INFLUENCER_COLUMNS = List.of(
            Column.of("Influencer", 28),
            Column.wrapped("Name", 32),
            Column.of("Posts failed", 20),
            Column.of("Verdict", 10),
            Column.of("FAIL", 8),
            Column.of("WARN", 8),
            Column.of("INFO", 8));

    static final List<Column> CHECK_COLUMNS = List.of(
            Column.of("Rule", 12),
            Column.wrapped("Title", 40),
            Column.of("Category", 14),
            Column.of("Severity", 10),
            Column.of("Applies", 9),
            Column.of("Examined", 10),
            Column.of("Failed", 9),
            Column.of("Warned", 9));

    /**
     * Writes the report to {@code out}, which is left open.
     *
     * @param submittedBy who submitted the campaign, as the report should name them; may be null
     */
    public void write(EvaluationResult result, String submittedBy, OutputStream out) throws IOException {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(out, "out");
        write(
                result,
                submittedBy,
                out,
                rowsOf(result) <= IN_MEMORY_ROWS ? ReportWorkbook.small() : ReportWorkbook.large());
    }

    /** Writes the report into the workbook given, then to {@code out}; disposes of the workbook. */
    void write(EvaluationResult result, String submittedBy, OutputStream out, ReportWorkbook workbook)
            throws IOException {
        try (workbook) {
            try {
                workbook.getXSSFWorkbook().getProperties().getCoreProperties().setCreator("Candor");
                CellWriter cells = new CellWriter(new Styles(workbook));
                summary(new LabelValues(workbook.createSheet(SHEETS.get(0)), cells), result, submittedBy);
                findings(new Table(workbook.createSheet(SHEETS.get(1)), cells, FINDING_COLUMNS), result);
                posts(new Table(workbook.createSheet(SHEETS.get(2)), cells, POST_COLUMNS), result);
                influencers(new Table(workbook.createSheet(SHEETS.get(3)), cells, INFLUENCER_COLUMNS), result);
                checks(new Table(workbook.createSheet(SHEETS.get(4)), cells, CHECK_COLUMNS), result);
                waivers(new Table(workbook.createSheet(SHEETS.get(5)), cells, WAIVER_COLUMNS), result);
                workbook.write(out);
            } finally {
                workbook.dispose();
            }
        }
    }

    /** The rows of the workbook's tables, their headers left out. */
    static int rowsOf(EvaluationResult r) {
        return listOf(r.findings()).size()
                + listOf(r.posts()).size()
                + listOf(r.influencers()).size()
                + listOf(r.checks()).size()
                + listOf(r.waivers()).size();
    }

    /**
     * Writes the report into {@code dir} (made if missing) as {@link #fileNameFor}, replacing a
     * report of the same name. The file appears whole or not at all.
     *
     * @return the file written
     */
    public Path writeTo(Path dir, EvaluationResult result, String submittedBy) throws IOException {
        return writeTo(dir, fileNameFor(result), result, submittedBy);
    }

    /**
     * Writes the report into {@code dir} (made if missing) under {@code name}, replacing a file of
     * that name. The file appears whole or not at all; a name that would leave the folder is refused.
     *
     * @return the file written
     */
    public Path writeTo(Path dir, String name, EvaluationResult result, String submittedBy) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(result, "result");
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir); // which throws and catches inside when the folder is there
        }
        Path target = dir.resolve(name);
        Path folder = dir.toAbsolutePath().normalize();
        if (!folder.equals(target.toAbsolutePath().normalize().getParent())) {
            throw new IllegalStateException("report file name escapes its folder: " + target);
        }
        Path partial = dir.resolve("." + name + "." + UUID.randomUUID() + ".part");
        boolean moved = false;
        try {
            try (OutputStream out = new BufferedOutputStream(
                    Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
                write(result, submittedBy, out);
            }
            try {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(partial);
            }
        }
        return target;
    }

    /**
     * The report's file name: {@code <reference>-<first 12 characters of the rule-set hash>.xlsx}.
     * The reference keeps only {@code A-Z a-z 0-9 . _ -}, never two dots in a row, never a dot,
     * dash or underscore at either end, and at most {@value #MAX_REFERENCE_IN_FILE_NAME}
     * characters; "campaign" when nothing is left.
     */
    public static String fileNameFor(EvaluationResult result) {
        String hash = safe(Cells.shortHash(result.ruleSetHash()), 12, "unknown");
        return safe(result.reference(), MAX_REFERENCE_IN_FILE_NAME, "campaign") + "-" + hash + ".xlsx";
    }

    /**
     * The file name of an evaluation's copy in the reports folder: {@code
     * <agency>_<evaluation id>_<reference>.xlsx}, agency and reference made safe as in {@link
     * #fileNameFor}. The evaluation id is unique, so no copy can replace another, whichever agencies
     * share a reference; a folder listing still sorts by agency.
     */
    public static String archiveNameFor(String evaluationId, EvaluationResult result) {
        return safe(result.agency(), MAX_AGENCY_IN_FILE_NAME, "agency")
                + "_" + safe(evaluationId, MAX_ID_IN_FILE_NAME, "evaluation")
                + "_" + safe(result.reference(), MAX_REFERENCE_IN_FILE_NAME, "campaign") + ".xlsx";
    }

    private static String safe(String text, int maxLength, String fallback) {
        if (text == null) {
            return fallback;
        }
        String s = text.replaceAll("[^A-Za-z0-9._-]", "_")
                .replaceAll("\\.{2,}", "_")
                .replaceAll("_{2,}", "_")
                .replaceAll("^[._-]+", "");
        if (s.length() > maxLength) {
            s = s.substring(0, maxLength);
        }
        s = s.replaceAll("[._-]+$", "");
        return s.isEmpty() ? fallback : s;
    }

    private static void summary(LabelValues sheet, EvaluationResult r, String submittedBy) {
        sheet.text("Campaign", r.reference())
                .text("Agency", r.agency())
                .text("Brand", r.brand())
                .text(
                        "Product category",
                        r.productCategory() == null ? "" : r.productCategory().name())
                .text("Jurisdictions", r.jurisdictions() == null ? "" : String.join(", ", r.jurisdictions()))
                .verdict("Verdict", r.verdict())
                .blank()
                .heading("Findings by severity");
        for (Severity s : Severity.values()) {
            sheet.number(s.name(), r.counts().of(s));
        }
        sheet.heading("Findings by category");
        for (Category c : Category.values()) {
            sheet.number(c.name(), r.counts().of(c));
        }
        sheet.heading("Waivers").number("Findings waived", r.counts().waivedCount());
        sheet.blank()
                .text("Rule set", r.ruleSetHash())
                .time("Judged as of (UTC)", r.asOf())
                .time("Evaluated at (UTC)", r.evaluatedAt())
                .text("Submitted by", submittedBy)
                .finish();
    }

    private static void findings(Table table, EvaluationResult r) {
        for (Finding f : listOf(r.findings())) {
            table.line(Fill.of(f.severity()))
                    .text(f.ruleId())
                    .text(f.title())
                    .text(name(f.category()))
                    .text(name(f.severity()))
                    .text(f.subject())
                    .text(f.message())
                    .text(f.evidence())
                    .text(f.source())
                    .text(f.remediation())
                    .text(r.waiverOf(f).map(ExcelReportWriter::waived).orElse(""));
        }
        table.finish();
    }

    /**
     * What the Waived column says of a finding's waiver: who approved it and until when, and who
     * ended it and on which day when it was ended early.
     */
    static String waived(Waiver w) {
        String text = "waived by " + w.approver() + " until " + w.expiresOn();
        if (w.ended()) {
            text += "; ended"
                    + (w.endedBy() == null ? "" : " by " + w.endedBy())
                    + " on " + w.endedAt().atOffset(java.time.ZoneOffset.UTC).toLocalDate();
        }
        return text;
    }

    private static void waivers(Table table, EvaluationResult r) {
        for (Waiver w : listOf(r.waivers())) {
            table.line(Fill.NONE)
                    .text(w.ruleId())
                    .text(w.subject())
                    .text(w.justification())
                    .text(w.approver())
                    .date(w.expiresOn())
                    .text(w.createdBy())
                    .time(w.createdAt())
                    .text(w.endedBy())
                    .time(w.endedAt())
                    .text(w.id());
        }
        table.finish();
    }

    private static void posts(Table table, EvaluationResult r) {
        for (SubjectVerdict p : listOf(r.posts())) {
            table.line(Fill.NONE)
                    .text(Subject.parse(p.subject()).name())
                    .text(p.related())
                    .text(p.label())
                    .verdict(p.verdict())
                    .number(p.fails())
                    .number(p.warnings())
                    .number(p.infos());
        }
        table.finish();
    }

    private static void influencers(Table table, EvaluationResult r) {
        for (SubjectVerdict i : listOf(r.influencers())) {
            table.line(Fill.NONE)
                    .text(Subject.parse(i.subject()).name())
                    .text(i.label())
                    .text(i.related())
                    .verdict(i.verdict())
                    .number(i.fails())
                    .number(i.warnings())
                    .number(i.infos());
        }
        table.finish();
    }

    private static void checks(Table table, EvaluationResult r) {
        for (RuleCheck c : listOf(r.checks())) {
            table.line(fillOf(c))
                    .text(c.ruleId())
                    .text(c.title())
                    .text(name(c.category()))
                    .text(name(c.severity()))
                    .text(c.applicable() ? "yes" : "no")
                    .number(c.examined())
                    .number(c.failed())
                    .number(c.warned());
        }
        table.finish();
    }

    /** A rule that failed shows light red, one that only warned light amber. */
    static Fill fillOf(RuleCheck c) {
        if (c.failed() > 0) {
            return Fill.SEVERITY_FAIL;
        }
        return c.warned() > 0 ? Fill.SEVERITY_WARN : Fill.NONE;
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String name(Enum<?> e) {
        return e == null ? "" : e.name();
    }

    /** {@code post:p1} shows as {@code p1} under the heading "Post". */
}
