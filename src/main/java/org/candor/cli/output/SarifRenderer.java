package org.candor.cli.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.candor.campaign.Problem;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Finding;
import org.candor.evaluation.Waiver;
import org.candor.rules.RuleMeta;
import org.candor.rules.Severity;

/**
 * SARIF 2.1.0 (OASIS), the format code-scanning dashboards read. The tool's rules are the
 * engine's catalog with their metadata; each finding is a result located in its campaign file
 * (the line where the post, claim or influencer starts, for a JSON file) and logically at its
 * subject and JSON path. A waived finding carries an external suppression with its
 * justification. Inputs that could not be judged are error notifications of the invocation.
 */
final class SarifRenderer implements Renderer {

    static final String VERSION = "2.1.0";
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public void render(CheckReport report, OutputStream out) throws IOException {
        ObjectNode log = JSON.objectNode();
        log.put("$schema", SCHEMA);
        log.put("version", VERSION);
        ObjectNode run = log.putArray("runs").addObject();

        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "Candor");
        driver.put("version", report.toolVersion());
        if (report.toolVersion().matches("\\d+\\.\\d+\\.\\d+.*")) {
            driver.put("semanticVersion", report.toolVersion());
        }
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (RuleMeta meta : report.catalog()) {
            ruleIndex.put(meta.id(), rules.size());
            rules.add(rule(meta));
        }

        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", report.rejected().isEmpty());
        ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
        for (RejectedInput rejected : report.rejected()) {
            for (Problem p : rejected.problems()) {
                ObjectNode n = notifications.addObject();
                n.put("level", "error");
                n.putObject("message").put("text", rejected.source() + ": " + p.path() + ": " + p.message());
                ObjectNode location = n.putArray("locations").addObject();
                artifact(location, rejected.source());
                location.putArray("logicalLocations")
                        .addObject()
                        .put("fullyQualifiedName", p.path())
                        .put("kind", "object");
            }
        }

        ArrayNode results = run.putArray("results");
        for (CheckedCampaign c : report.campaigns()) {
            for (Finding f : c.result().findings()) {
                results.add(result(c, f, ruleIndex));
            }
        }
        ObjectNode properties = run.putObject("properties");
        properties.put("ruleSetHash", report.ruleSetHash());
        properties.put("failOn", report.failOn().name());
        ArrayNode verdicts = properties.putArray("campaigns");
        for (CheckedCampaign c : report.campaigns()) {
            verdicts.addObject()
                    .put("source", c.source())
                    .put("reference", c.result().reference())
                    .put("verdict", c.result().verdict().name());
        }

        JsonRenderer.MAPPER.writeValue(out, log);
        out.write('\n');
        out.flush();
    }

    private static ObjectNode rule(RuleMeta meta) {
        ObjectNode rule = JSON.objectNode();
        rule.put("id", meta.id());
        rule.put("name", name(meta.title()));
        rule.putObject("shortDescription").put("text", meta.title());
        rule.putObject("fullDescription").put("text", meta.title() + ". Source: " + meta.source());
        rule.putObject("help").put("text", meta.remediation());
        rule.putObject("defaultConfiguration").put("level", level(meta.severity()));
        ObjectNode properties = rule.putObject("properties");
        properties.put("category", meta.category().name());
        properties.put("severity", meta.severity().name());
        properties.put("source", meta.source());
        ArrayNode tags = properties.putArray("tags");
        tags.add(meta.category().name().toLowerCase(Locale.ROOT));
        meta.jurisdictions().forEach(tags::add);
        ArrayNode scopes = properties.putArray("scopes");
        meta.scopes().forEach(s -> scopes.add(s.name()));
        ArrayNode jurisdictions = properties.putArray("jurisdictions");
        meta.jurisdictions().forEach(jurisdictions::add);
        return rule;
    }

    private static ObjectNode result(CheckedCampaign c, Finding f, Map<String, Integer> ruleIndex) {
        EvaluationResult r = c.result();
        ObjectNode result = JSON.objectNode();
        result.put("ruleId", f.ruleId());
        Integer index = ruleIndex.get(f.ruleId());
        if (index != null) {
            result.put("ruleIndex", index);
        }
        result.put("level", level(f.severity()));
        result.putObject("message").put("text", f.title() + ": " + f.message());
        String jsonPath = c.locations().jsonPath(f.subject());
        ObjectNode location = result.putArray("locations").addObject();
        ObjectNode physical = artifact(location, c.source());
        c.locations().position(f.subject()).ifPresent(p -> physical.putObject("region")
                .put("startLine", p.line())
                .put("startColumn", p.column()));
        location.putArray("logicalLocations")
                .addObject()
                .put("name", f.subject())
                .put("fullyQualifiedName", jsonPath)
                .put("kind", "object");
        result.putObject("partialFingerprints")
                .put("candorFinding/v1", fingerprint(r.reference(), f.ruleId(), f.subject(), f.message()));
        r.waiverOf(f).ifPresent(w -> suppress(result, w));
        ObjectNode properties = result.putObject("properties");
        properties.put("campaign", r.reference());
        properties.put("agency", r.agency());
        properties.put("subject", f.subject());
        properties.put("jsonPath", jsonPath);
        properties.put("severity", f.severity().name());
        properties.put("category", f.category().name());
        properties.put("evidence", f.evidence());
        properties.put("source", f.source());
        properties.put("remediation", f.remediation());
        return result;
    }

    private static void suppress(ObjectNode result, Waiver w) {
        result.putArray("suppressions")
                .addObject()
                .put("kind", "external")
                .put("status", "accepted")
                .put(
                        "justification",
                        w.justification() + " (approved by " + w.approver() + ", until " + w.expiresOn() + ")");
    }

    /** The artifact of a location: the campaign file as a relative URI; returns the physical location. */
    private static ObjectNode artifact(ObjectNode location, String source) {
        ObjectNode physical = location.putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", uri(source));
        return physical;
    }

    /** A file name as a URI reference: forward slashes, reserved characters percent-encoded. */
    static String uri(String source) {
        String path = source.replace('\\', '/');
        StringBuilder sb = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return sb.toString();
    }

    static String level(Severity severity) {
        return switch (severity) {
            case FAIL -> "error";
            case WARN -> "warning";
            case INFO -> "note";
        };
    }

    /** "Audience overstated" becomes "AudienceOverstated", SARIF's identifier-like rule name. */
    static String name(String title) {
        StringBuilder sb = new StringBuilder();
        for (String word : title.split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                sb.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return sb.toString();
    }

    private static String fingerprint(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
