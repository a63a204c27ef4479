package org.candor.cli.output;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.candor.campaign.Campaign;
import org.candor.campaign.Problem;
import org.candor.campaign.Subject;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Finding;
import org.candor.evaluation.RuleCheck;
import org.candor.rules.RuleMeta;
import org.candor.rules.Scope;

/**
 * JUnit XML as CI servers read it: a {@code testsuite} per campaign, a {@code testcase} per rule
 * and subject it examines (the campaign, each influencer, claim or post, by the rule's scopes).
 * A test case fails when the rule found something at or above {@code --fail-on} that no waiver
 * covers; findings below it go to the case's {@code system-out}. A rule limited to jurisdictions
 * the campaign does not list is skipped. An input that could not be judged is a suite with one
 * case in error, listing its problems.
 */
final class JUnitRenderer implements Renderer {

    private record Case(String ruleId, String subject, List<Finding> failures, List<Finding> notes, boolean skipped) {}

    @Override
    public void render(CheckReport report, OutputStream out) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            List<List<Case>> suites = new ArrayList<>();
            int tests = 0;
            int failures = 0;
            int skipped = 0;
            for (CheckedCampaign c : report.campaigns()) {
                List<Case> cases = cases(report, c);
                suites.add(cases);
                tests += cases.size();
                failures += (int)
                        cases.stream().filter(k -> !k.failures().isEmpty()).count();
                skipped += (int) cases.stream().filter(Case::skipped).count();
            }
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "candor");
            xml.writeAttribute("tests", String.valueOf(tests + report.rejected().size()));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", String.valueOf(report.rejected().size()));
            xml.writeAttribute("skipped", String.valueOf(skipped));
            for (int i = 0; i < suites.size(); i++) {
                suite(xml, report.campaigns().get(i), suites.get(i), report.ruleSetHash());
            }
            for (RejectedInput rejected : report.rejected()) {
                rejected(xml, rejected);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
            out.flush();
        } catch (XMLStreamException e) {
            throw new IOException("the JUnit XML could not be written: " + e.getMessage(), e);
        }
    }

    /** Every rule of the catalog against every subject of its scopes, in catalog order. */
    private static List<Case> cases(CheckReport report, CheckedCampaign c) {
        EvaluationResult r = c.result();
        Map<String, Boolean> applicable = new LinkedHashMap<>();
        for (RuleCheck check : r.checks()) {
            applicable.merge(check.ruleId(), check.applicable(), Boolean::logicalOr);
        }
        Map<String, Set<String>> subjectsByRule = new LinkedHashMap<>();
        for (RuleMeta meta : report.catalog()) {
            Set<String> subjects = subjectsByRule.computeIfAbsent(meta.id(), id -> new LinkedHashSet<>());
            for (Scope scope : meta.scopes()) {
                subjects.addAll(subjectsOf(c.campaign(), scope));
            }
        }
        for (Finding f : r.findings()) {
            subjectsByRule
                    .computeIfAbsent(f.ruleId(), id -> new LinkedHashSet<>())
                    .add(f.subject());
        }
        List<Case> cases = new ArrayList<>();
        subjectsByRule.forEach((ruleId, subjects) -> {
            boolean skipped = !applicable.getOrDefault(ruleId, true);
            for (String subject : subjects) {
                List<Finding> failures = new ArrayList<>();
                List<Finding> notes = new ArrayList<>();
                for (Finding f : r.findings()) {
                    if (f.ruleId().equals(ruleId) && f.subject().equals(subject)) {
                        boolean counts =
                                r.waiverOf(f).isEmpty() && report.failOn().isMetBy(f.severity());
                        (counts ? failures : notes).add(f);
                    }
                }
                cases.add(new Case(ruleId, subject, failures, notes, skipped && failures.isEmpty() && notes.isEmpty()));
            }
        });
        return cases;
    }

    private static List<String> subjectsOf(Campaign campaign, Scope scope) {
        Class<? extends Subject> kind =
                switch (scope) {
                    case CAMPAIGN -> Subject.CampaignRef.class;
                    case INFLUENCER -> Subject.InfluencerRef.class;
                    case CLAIM -> Subject.ClaimRef.class;
                    case POST -> Subject.PostRef.class;
                };
        return Subject.of(campaign).stream()
                .filter(kind::isInstance)
                .map(Subject::key)
                .toList();
    }

    private static void suite(XMLStreamWriter xml, CheckedCampaign c, List<Case> cases, String ruleSetHash)
            throws XMLStreamException {
        EvaluationResult r = c.result();
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", clean(r.reference()));
        xml.writeAttribute("file", clean(c.source()));
        xml.writeAttribute("tests", String.valueOf(cases.size()));
        xml.writeAttribute(
                "failures",
                String.valueOf(
                        cases.stream().filter(k -> !k.failures().isEmpty()).count()));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute(
                "skipped", String.valueOf(cases.stream().filter(Case::skipped).count()));
        xml.writeAttribute("timestamp", String.valueOf(r.evaluatedAt()));
        xml.writeCharacters("\n    ");
        xml.writeStartElement("properties");
        property(xml, "agency", r.agency());
        property(xml, "verdict", r.verdict().name());
        property(xml, "ruleSetHash", ruleSetHash);
        xml.writeEndElement();
        for (Case k : cases) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("testcase");
            xml.writeAttribute("classname", clean(r.reference() + "." + k.ruleId()));
            xml.writeAttribute(
                    "name",
                    clean(k.ruleId() + " " + k.subject() + " " + c.locations().jsonPath(k.subject())));
            xml.writeAttribute("file", clean(c.source()));
            c.locations().position(k.subject()).ifPresent(p -> attribute(xml, "line", String.valueOf(p.line())));
            if (k.skipped()) {
                xml.writeEmptyElement("skipped");
                xml.writeAttribute("message", "not applicable in the campaign's jurisdictions");
            }
            for (Finding f : k.failures()) {
                xml.writeStartElement("failure");
                xml.writeAttribute("type", f.severity().name());
                xml.writeAttribute("message", clean(f.title() + ": " + f.message()));
                xml.writeCharacters(clean(details(f)));
                xml.writeEndElement();
            }
            if (!k.notes().isEmpty()) {
                StringBuilder sb = new StringBuilder();
                for (Finding f : k.notes()) {
                    sb.append(f.severity())
                            .append(r.waiverOf(f).isPresent() ? " (waived)" : "")
                            .append(' ')
                            .append(f.title())
                            .append(": ")
                            .append(details(f))
                            .append('\n');
                }
                xml.writeStartElement("system-out");
                xml.writeCharacters(clean(sb.toString()));
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void rejected(XMLStreamWriter xml, RejectedInput rejected) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", clean(rejected.source()));
        xml.writeAttribute("file", clean(rejected.source()));
        xml.writeAttribute("tests", "1");
        xml.writeAttribute("failures", "0");
        xml.writeAttribute("errors", "1");
        xml.writeAttribute("skipped", "0");
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", clean(rejected.source()));
        xml.writeAttribute("name", "campaign is valid format v1");
        xml.writeStartElement("error");
        xml.writeAttribute("type", "INVALID");
        xml.writeAttribute("message", rejected.problems().size() + " problem(s)");
        StringBuilder sb = new StringBuilder();
        for (Problem p : rejected.problems()) {
            sb.append(p.path()).append(": ").append(p.message()).append('\n');
        }
        xml.writeCharacters(clean(sb.toString()));
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static String details(Finding f) {
        return f.message() + "\nevidence: " + f.evidence() + "\nsource: " + f.source() + "\nremediation: "
                + f.remediation();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", clean(value));
    }

    private static void attribute(XMLStreamWriter xml, String name, String value) {
        try {
            xml.writeAttribute(name, value);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Text XML 1.0 can carry: characters it forbids (most controls, lone surrogates) become U+FFFD. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean allowed = cp == 0x9
                    || cp == 0xA
                    || cp == 0xD
                    || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD)
                    || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (allowed) {
                sb.appendCodePoint(cp);
            } else {
                sb.append('\uFFFD');
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }
}
