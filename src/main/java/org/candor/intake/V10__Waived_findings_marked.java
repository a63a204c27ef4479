package org.candor.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.candor.rules.Category;
import org.candor.rules.Severity;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Evaluations stored before V6 in the shape of today: each finding a waiver covers carries that
 * waiver, the counts by severity and category count only the findings that stand, and the {@code
 * fails}, {@code warnings}, {@code infos} and {@code waived} columns follow. Before V6 a waived
 * finding was told apart only by the result's list of waivers, and the counts included it ("3
 * FAIL, 1 waived" where 2 stand); {@code waived} was added by V6 as 0.
 *
 * <p>It works on the stored JSON as a tree, not through the result's classes, so it reads what
 * was written then whatever those classes become. A result whose findings already carry their
 * waivers is left as it is, so running it on any rows changes only those of before V6.
 */
@Component
public class V10__Waived_findings_marked extends BaseJavaMigration {

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public void migrate(Context context) throws Exception {
        Connection db = context.getConnection();
        record Row(String id, String result) {}
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select =
                        db.prepareStatement("SELECT id, result FROM evaluation WHERE waived = 0 AND result LIKE ?");
                ResultSet rs = selectWith(select)) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2)));
            }
        }
        try (PreparedStatement update = db.prepareStatement("UPDATE evaluation SET result = ?, verdict = ?, fails = ?,"
                + " warnings = ?, infos = ?, waived = ? WHERE id = ?")) {
            for (Row row : rows) {
                ObjectNode result = (ObjectNode) json.readTree(row.result());
                if (!mark(result)) {
                    continue;
                }
                JsonNode counts = result.get("counts");
                update.setString(1, json.writeValueAsString(result));
                update.setString(2, result.get("verdict").asText());
                update.setInt(3, counts.get(Severity.FAIL.name()).asInt());
                update.setInt(4, counts.get(Severity.WARN.name()).asInt());
                update.setInt(5, counts.get(Severity.INFO.name()).asInt());
                update.setInt(6, counts.get("WAIVED").asInt());
                update.setString(7, row.id());
                update.executeUpdate();
            }
        }
    }

    private static ResultSet selectWith(PreparedStatement select) throws java.sql.SQLException {
        select.setString(1, "%\"waivers\":[{%");
        return select.executeQuery();
    }

    /**
     * Gives each finding its waiver and counts again; the verdict is FAIL when a FAIL finding
     * stands.
     *
     * @return whether a finding lacked the waiver that covers it
     */
    static boolean mark(ObjectNode result) {
        JsonNode waivers = result.path("waivers");
        JsonNode findings = result.path("findings");
        if (!waivers.isArray() || waivers.isEmpty() || !findings.isArray()) {
            return false;
        }
        boolean changed = false;
        for (JsonNode f : findings) {
            if (f.hasNonNull("waiver")) {
                continue;
            }
            for (JsonNode w : waivers) {
                if (w.path("ruleId").asText().equals(f.path("ruleId").asText())
                        && w.path("subject").asText().equals(f.path("subject").asText())) {
                    ((ObjectNode) f).set("waiver", w.deepCopy());
                    changed = true;
                    break;
                }
            }
        }
        if (!changed) {
            return false;
        }
        ObjectNode counts = result.putObject("counts");
        for (Severity s : Severity.values()) {
            counts.put(s.name(), 0);
        }
        for (Category c : Category.values()) {
            counts.put(c.name(), 0);
        }
        int waived = 0;
        boolean fail = false;
        for (JsonNode f : (ArrayNode) findings) {
            if (f.hasNonNull("waiver")) {
                waived++;
                continue;
            }
            String severity = f.path("severity").asText();
            fail |= severity.equals(Severity.FAIL.name());
            counts.put(severity, counts.path(severity).asInt() + 1);
            String category = f.path("category").asText();
            counts.put(category, counts.path(category).asInt() + 1);
        }
        counts.put("WAIVED", waived);
        result.put("verdict", fail ? "FAIL" : "PASS");
        return true;
    }
}
