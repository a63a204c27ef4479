package org.candor.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Finding;
import org.candor.evaluation.Verdict;
import org.candor.report.ExcelReportWriter;
import org.candor.rules.Category;
import org.candor.waiver.Waivers;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * Evaluations waived before V6, when a waived finding carried no waiver and still counted among
 * the failures, read after the migrations as today's: on H2 and on PostgreSQL.
 */
abstract class WaivedBeforeV6Contract {

    static final Path OLD_RESULT = Path.of("src/test/resources/submission/waived-before-v6.json");

    /** The result as the service stores it: compact JSON, ISO times. */
    static final JsonMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    abstract String url();

    abstract String user();

    /** Where the migrations go (a schema of the test's own, say). */
    FluentConfiguration configure(FluentConfiguration c) {
        return c;
    }

    private Flyway flyway(String target) {
        FluentConfiguration c = configure(Flyway.configure()
                .dataSource(url(), user(), "")
                .locations("classpath:db/migration")
                .javaMigrations(new V10__Waived_findings_marked()));
        return (target == null ? c : c.target(target)).load();
    }

    @Test
    void findingsWaivedBeforeV6CarryTheirWaiverAndNoLongerCountAmongTheFailures() throws Exception {
        String old = JSON.writeValueAsString(JSON.readTree(Files.readString(OLD_RESULT)));
        ObjectNode unwaived = (ObjectNode) JSON.readTree(old);
        unwaived.putArray("waivers");
        flyway("5").migrate();
        try (Connection db = DriverManager.getConnection(url(), user(), "")) {
            insertSubmission(db, "s-1");
            insertOldEvaluation(db, "ev-old", "s-1", old, 3);
            insertOldEvaluation(db, "ev-plain", "s-1", JSON.writeValueAsString(unwaived), 3);
            try (PreparedStatement w = db.prepareStatement("INSERT INTO waiver (id, evaluation_id, submission_id,"
                    + " agency, rule_id, subject, justification, approver, expires_on, created_by, created_at)"
                    + " VALUES ('7d0c6f7e-1111-4c1e-9a9e-000000000001', 'ev-old', 's-1', 'Northwind Media',"
                    + " 'DISC-012', 'post:p1', 'Commission stated on the link page', 'Head of Compliance',"
                    + " DATE '2026-12-31', 'officer', ?)")) {
                w.setObject(1, OffsetDateTime.parse("2026-10-21T10:00:00Z"));
                w.executeUpdate();
            }
        }

        flyway(null).migrate();

        try (Connection db = DriverManager.getConnection(url(), user(), "")) {
            Map<String, Object> columns = columns(db, "ev-old");
            assertThat(columns)
                    .containsEntry("verdict", "FAIL")
                    .containsEntry("fails", 2)
                    .containsEntry("waived", 1);
            EvaluationResult r = JSON.readValue((String) columns.get("result"), EvaluationResult.class);
            Finding disc012 = r.findings().stream()
                    .filter(f -> f.ruleId().equals("DISC-012"))
                    .findFirst()
                    .orElseThrow();
            assertThat(disc012.waived()).isTrue();
            assertThat(disc012.waiver().approver()).isEqualTo("Head of Compliance");
            assertThat(r.findings().stream().filter(Finding::waived)).hasSize(1);
            assertThat(r.counts().fails()).as("the two that stand").isEqualTo(2);
            assertThat(r.counts().of(Category.DISCLOSURE)).isZero();
            assertThat(r.counts().of(Category.CLAIMS)).isEqualTo(2);
            assertThat(r.counts().waivedCount()).isEqualTo(1);
            assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(Waivers.apply(r, r.waivers(), java.time.LocalDate.parse("2026-10-21"))
                            .counts())
                    .as("as the service counts a result waived today")
                    .isEqualTo(r.counts());

            ByteArrayOutputStream report = new ByteArrayOutputStream();
            new ExcelReportWriter().write(r, "jane", report);
            try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(report.toByteArray()))) {
                Map<String, Double> numbers = new HashMap<>();
                for (Row row : wb.getSheet("Summary")) {
                    if (row.getCell(1) != null
                            && row.getCell(1).getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC) {
                        numbers.put(
                                row.getCell(0).getStringCellValue(),
                                row.getCell(1).getNumericCellValue());
                    }
                }
                assertThat(numbers).containsEntry("FAIL", 2.0).containsEntry("Findings waived", 1.0);
                Sheet findings = wb.getSheet("Findings");
                for (Row row : findings) {
                    if (row.getRowNum() > 0) {
                        assertThat(row.getCell(9).getStringCellValue())
                                .as(row.getCell(0).getStringCellValue())
                                .isEqualTo(
                                        row.getCell(0).getStringCellValue().equals("DISC-012")
                                                ? "waived by Head of Compliance until 2026-12-31"
                                                : "");
                    }
                }
            }

            Map<String, Object> plain = columns(db, "ev-plain");
            assertThat(plain).containsEntry("fails", 3).containsEntry("waived", 0);
            assertThat(JSON.readTree((String) plain.get("result")))
                    .as("a result without waivers is left as it was")
                    .isEqualTo(unwaived);
        }
    }

    @Test
    void aResultWhoseFindingsCarryTheirWaiversIsLeftAsItIs() throws Exception {
        EvaluationResult old = JSON.readValue(OLD_RESULT.toFile(), EvaluationResult.class);
        EvaluationResult today = Waivers.apply(old, old.waivers(), java.time.LocalDate.parse("2026-10-21"));
        ObjectNode tree = (ObjectNode) JSON.valueToTree(today);
        JsonNode before = tree.deepCopy();
        assertThat(V10__Waived_findings_marked.mark(tree)).isFalse();
        assertThat(tree).isEqualTo(before);
        ObjectNode broken = (ObjectNode) JSON.readTree("{\"waivers\":[{\"ruleId\":\"X\"}],\"findings\":\"none\"}");
        assertThat(V10__Waived_findings_marked.mark(broken))
                .as("not a result: left alone")
                .isFalse();
    }

    private static void insertSubmission(Connection db, String id) throws Exception {
        try (PreparedStatement s = db.prepareStatement("INSERT INTO submission (id, reference, agency, brand,"
                + " submitted_by, received_at, as_of, status, input_hash, content_type, payload)"
                + " VALUES (?, 'ACME-SPRING-26', 'Northwind Media', 'Acme Skincare', 'northwind', ?, ?, 'EVALUATED',"
                + " 'hash', 'application/json', '{}')")) {
            s.setString(1, id);
            s.setObject(2, OffsetDateTime.parse("2026-10-20T14:05:00Z"));
            s.setObject(3, OffsetDateTime.parse("2026-10-01T09:00:00Z"));
            s.executeUpdate();
        }
    }

    private static void insertOldEvaluation(Connection db, String id, String submission, String result, int fails)
            throws Exception {
        try (PreparedStatement e = db.prepareStatement("INSERT INTO evaluation (id, submission_id, reference, agency,"
                + " brand, rule_set_hash, verdict, fails, warnings, infos, evaluated_at, evaluated_by, result)"
                + " VALUES (?, ?, 'ACME-SPRING-26', 'Northwind Media', 'Acme Skincare', 'f5e0d1ed7b1a', 'FAIL', ?, 0,"
                + " 0, ?, 'northwind', ?)")) {
            e.setString(1, id);
            e.setString(2, submission);
            e.setInt(3, fails);
            e.setObject(4, OffsetDateTime.parse("2026-10-20T14:05:09Z"));
            e.setString(5, result);
            e.executeUpdate();
        }
    }

    private static Map<String, Object> columns(Connection db, String id) throws Exception {
        try (PreparedStatement q =
                db.prepareStatement("SELECT verdict, fails, waived, result FROM evaluation WHERE id = ?")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as("evaluation %s", id).isTrue();
                return Map.of(
                        "verdict", rs.getString("verdict"),
                        "fails", rs.getInt("fails"),
                        "waived", rs.getInt("waived"),
                        "result", rs.getString("result"));
            }
        }
    }
}
