package org.candor.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.candor.ruleadmin.RuleAdministration;
import org.candor.ruleadmin.RuleAdministration.FailingRuleTestsException;
import org.candor.rules.RuleBuildException;
import org.candor.rules.RuleMeta;
import org.candor.rules.RuleService;
import org.candor.rules.change.RuleChanges;
import org.candor.rules.change.RuleEditException;
import org.candor.rules.change.RuleHistory;
import org.candor.system.Accounts;
import org.candor.system.NotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A compliance officer's rule pages: the catalog, searchable; a rule file in an editor with
 * Validate, Run rule tests and Save, each answering on the page; the history of changes with
 * their diffs. Saving goes through the same checks as the API: a change that does not build is
 * refused, and one with which rule tests fail that pass with the rules in force too unless forced;
 * the results show these new failures apart from the cases already failing. The editor carries the version of the
 * file it was opened on; a save over a version someone else has changed since is refused with a
 * conflict message, and the officer's text stays on the page.
 */
@Controller
@RequestMapping("/officer")
class RulePages {
    private static final int HISTORY_PAGE = 25;

    private final RuleService rules;
    private final RuleChanges changes;
    private final RuleHistory history;
    private final RuleAdministration admin;
    private final Accounts accounts;

    RulePages(
            RuleService rules, RuleChanges changes, RuleHistory history, RuleAdministration admin, Accounts accounts) {
        this.rules = rules;
        this.changes = changes;
        this.history = history;
        this.admin = admin;
        this.accounts = accounts;
    }

    /** A file of the rules folder as the catalog page lists it. */
    public record RuleFile(String name, long size, boolean editable) {
        /** Whether the file is a policy table, which also opens as a grid. */
        public boolean table() {
            return org.candor.rules.policy.PolicyTables.isTable(name);
        }
    }

    @GetMapping({"", "/rules"})
    String catalog(@RequestParam(required = false) String q, Model model) {
        String query = Pages.blankToNull(q);
        List<RuleMeta> catalog = rules.current().catalog();
        List<RuleMeta> shown = query == null
                ? catalog
                : catalog.stream().filter(m -> matches(m, query)).toList();
        model.addAttribute("q", query == null ? "" : query);
        model.addAttribute("rules", shown);
        model.addAttribute("total", catalog.size());
        model.addAttribute("hash", rules.current().hash());
        model.addAttribute("lastErrors", rules.lastErrors());
        Map<String, byte[]> files = rules.files();
        model.addAttribute("fileOf", fileOfEachRule(files));
        model.addAttribute("lastTestFailures", rules.lastTestFailures());
        model.addAttribute(
                "files",
                files.entrySet().stream()
                        .map(e -> new RuleFile(e.getKey(), e.getValue().length, editable(e.getKey())))
                        .toList());
        return "officer/rules";
    }

    private static final java.util.regex.Pattern RULE_ID =
            java.util.regex.Pattern.compile("@id\\(\\s*\"([^\"]+)\"\\s*\\)");

    /** The DRL file that declares each rule id ({@code @id("DISC-001")}), by id. */
    static Map<String, String> fileOfEachRule(Map<String, byte[]> files) {
        Map<String, String> fileOf = new java.util.HashMap<>();
        files.forEach((name, bytes) -> {
            if (name.endsWith(".drl")) {
                var m = RULE_ID.matcher(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                while (m.find()) {
                    fileOf.putIfAbsent(m.group(1), name);
                }
            }
        });
        return fileOf;
    }

    /** Whether the rule's id, title, category, severity or source contains every word of the query. */
    static boolean matches(RuleMeta m, String query) {
        String text = String.join(
                        " ",
                        m.id(),
                        m.title(),
                        m.category().name(),
                        m.severity().name(),
                        m.source())
                .toLowerCase(Locale.ROOT);
        for (String word : query.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!text.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** Text files are edited on the page; a workbook is not text. */
    static boolean editable(String name) {
        return !name.toLowerCase(Locale.ROOT).endsWith(".xlsx");
    }

    @GetMapping("/rules/files/{name}")
    String editor(@PathVariable String name, Model model) {
        byte[] content = changes.read(name);
        if (!editable(name)) {
            throw new RuleEditException(
                    RuleEditException.Reason.BAD_NAME,
                    "'" + name + "' is a workbook: edit it in a spreadsheet program");
        }
        return editor(name, new String(content, StandardCharsets.UTF_8), RuleChanges.version(content), model);
    }

    /** The editor page with a text and the version of the file the text was made on. */
    private String editor(String name, String content, String version, Model model) {
        model.addAttribute("name", name);
        model.addAttribute("content", content);
        model.addAttribute("version", version);
        model.addAttribute("table", org.candor.rules.policy.PolicyTables.isTable(name));
        return "officer/editor";
    }

    /** Validate, Run rule tests or Save the text in the editor, and show what came of it. */
    @PostMapping("/rules/files/{name}")
    String edit(
            @PathVariable String name,
            @RequestParam String content,
            @RequestParam String action,
            @RequestParam(required = false) String version,
            @RequestParam(defaultValue = "false") boolean force,
            Authentication auth,
            Model model,
            HttpServletResponse response)
            throws IOException {
        changes.read(name);
        if (!editable(name)) {
            throw new RuleEditException(RuleEditException.Reason.BAD_NAME, "'" + name + "' is a workbook");
        }
        // A browser sends a textarea's lines ending in CRLF; the rule files end theirs in LF.
        String text = content.replace("\r\n", "\n");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        RuleChanges.Edit edit = RuleChanges.Edit.put(name, bytes);
        String shown = version == null ? "" : version;
        model.addAttribute("action", action);
        switch (action) {
            case "validate" -> {
                RuleAdministration.RuleValidation v = admin.validate(edit);
                model.addAttribute("validation", v);
                if (!v.ok()) {
                    response.setStatus(422);
                }
            }
            case "test" -> {
                try {
                    model.addAttribute("testRun", admin.test(edit));
                } catch (RuleBuildException e) {
                    response.setStatus(422);
                    model.addAttribute("buildErrors", e.problems());
                }
            }
            case "save" -> {
                if (version == null || version.isBlank()) {
                    response.setStatus(428);
                    model.addAttribute(
                            "conflict",
                            "This page did not say which version of " + name + " it was opened on, so saving could"
                                    + " overwrite someone else's change. Open the file again and make your change"
                                    + " there; your text is below, not saved.");
                    return editor(name, text, shown, model);
                }
                try {
                    RuleAdministration.RuleChangeResult r = admin.apply(
                            edit.expecting(name, version),
                            RuleHistory.Action.PUT,
                            force,
                            accounts.of(auth).username());
                    model.addAttribute("saved", r);
                    shown = RuleChanges.version(bytes);
                } catch (RuleBuildException e) {
                    response.setStatus(422);
                    model.addAttribute("buildErrors", e.problems());
                } catch (FailingRuleTestsException e) {
                    Pages.refusedForTests(e, model, response);
                } catch (RuleEditException e) {
                    Pages.refusedAsStale(
                            e,
                            "Not saved: someone else changed " + name + " after you opened it, and saving"
                                    + " would overwrite their change. Your text is below, not saved. Open the"
                                    + " file again to see their version, then make your change on it.",
                            model,
                            response);
                }
            }
            default ->
                throw new RuleEditException(RuleEditException.Reason.BAD_NAME, "unknown action '" + action + "'");
        }
        return editor(name, text, shown, model);
    }

    @GetMapping("/history")
    String history(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("history", history.history(Math.max(page, 0), HISTORY_PAGE));
        return "officer/history";
    }

    @GetMapping("/history/{id}")
    String change(@PathVariable long id, Model model) {
        RuleHistory.ChangeRecord c = history.find(id).orElseThrow(() -> new NotFoundException("no change " + id));
        model.addAttribute("change", c);
        Map<String, List<Map<String, String>>> lines = new java.util.HashMap<>();
        c.diff().files().forEach(f -> lines.put(f.file(), diffLines(f.text())));
        model.addAttribute("diffLines", lines);
        return "officer/change";
    }

    /**
     * Puts the rules back as they were before a change: the files of the rule set before it are
     * written again, and files it did not have are deleted, through the same checks as a save (it
     * must build, and rule tests must pass). The revert is itself recorded as a change.
     */
    @PostMapping("/history/{id}/revert")
    String revert(
            @PathVariable long id,
            org.springframework.security.core.Authentication auth,
            org.springframework.web.servlet.mvc.support.RedirectAttributes redirect)
            throws java.io.IOException {
        RuleHistory.ChangeRecord c = history.find(id).orElseThrow(() -> new NotFoundException("no change " + id));
        Map<String, byte[]> before =
                c.hashBefore() == null ? null : history.files(c.hashBefore()).orElse(null);
        if (before == null) {
            redirect.addFlashAttribute(
                    "refusal", "Change " + id + " cannot be reverted: the rules before it were not recorded.");
            return "redirect:/officer/history/" + id;
        }
        Map<String, byte[]> now = rules.files();
        Map<String, byte[]> put = new java.util.TreeMap<>();
        before.forEach((name, content) -> {
            if (!java.util.Arrays.equals(content, now.get(name))) {
                put.put(name, content);
            }
        });
        java.util.Set<String> delete = new java.util.TreeSet<>(now.keySet());
        delete.removeAll(before.keySet());
        if (put.isEmpty() && delete.isEmpty()) {
            redirect.addFlashAttribute(
                    "notice", "Nothing to revert: the rules in force are already those before change " + id + ".");
            return "redirect:/officer/history";
        }
        try {
            RuleAdministration.RuleChangeResult r = admin.apply(
                    new RuleChanges.Edit(put, delete),
                    RuleHistory.Action.PUT,
                    false,
                    accounts.of(auth).username());
            redirect.addFlashAttribute(
                    "notice",
                    "Change " + id + " reverted: " + String.join(", ", new java.util.TreeSet<>(put.keySet()))
                            + (delete.isEmpty() ? "" : "; deleted " + String.join(", ", delete)) + ". Rule set now "
                            + r.hashAfter()
                                    .substring(0, Math.min(12, r.hashAfter().length())) + ".");
            return "redirect:/officer/history";
        } catch (RuleAdministration.FailingRuleTestsException e) {
            redirect.addFlashAttribute(
                    "refusal",
                    "Not reverted: " + e.failures().size() + " rule test(s) would fail with the rules before change "
                            + id + ".");
        } catch (org.candor.rules.RuleBuildException e) {
            redirect.addFlashAttribute(
                    "refusal", "Not reverted: the rules before change " + id + " no longer build: " + e.getMessage());
        }
        return "redirect:/officer/history/" + id;
    }

    /** The lines of a unified diff, each with its kind for colouring: add, del, hunk or context. */
    static List<Map<String, String>> diffLines(String unified) {
        if (unified == null) {
            return List.of();
        }
        return unified.lines()
                .map(l -> Map.of(
                        "text",
                        l,
                        "kind",
                        l.startsWith("+++") || l.startsWith("---")
                                ? "file"
                                : l.startsWith("@@")
                                        ? "hunk"
                                        : l.startsWith("+") ? "add" : l.startsWith("-") ? "del" : "ctx"))
                .toList();
    }
}
