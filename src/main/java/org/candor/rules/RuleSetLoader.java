package org.candor.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.candor.rules.guard.RuleGuard;
import org.candor.rules.policy.Policy;
import org.candor.rules.policy.PolicyException;
import org.candor.rules.policy.PolicyProblem;
import org.candor.rules.policy.PolicyTables;
import org.candor.rules.policy.RowOrigin;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.compiler.kie.builder.impl.DrlProject;
import org.drools.core.impl.InternalRuleBase;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.conf.EqualityBehaviorOption;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;
import org.kie.api.runtime.KieContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link RuleSet} from a rules folder: every {@code *.drl} file below it (the rules) and
 * every {@code *.table.csv} and {@code *.table.xlsx} (the policy tables: plain data, read by
 * {@link PolicyTables}, never compiled), except the {@code tests/} folder. Validation comes first
 * and is all or nothing: a file that does not compile, a table cell that is not a value of its
 * column, a threshold a rule names that no table defines, or a rule without its metadata fails the
 * whole build with every problem named by file and line. A Drools decision table
 * ({@code *.drl.csv}, {@code *.drl.xlsx}), whose cells ran as code, is refused with how to
 * convert it. Before anything is compiled, the {@link RuleGuard} holds every DRL file against the
 * helper API: this is the one place rule sets are built (startup, reload, watcher, validate, rule
 * tests, editor, CLI).
 */
public final class RuleSetLoader {

    private static final Logger LOG = LoggerFactory.getLogger(RuleSetLoader.class);
    private static final String[] EXTENSIONS = {".drl", ".table.csv", ".table.xlsx", ".drl.csv", ".drl.xlsx"};
    /** Drools decision tables: read so that they can be refused, never built. */
    private static final String[] LEGACY_TABLES = {".drl.csv", ".drl.xlsx"};
    /**
     * A threshold a rule names: {@code get("ADULT_AGE")} on the Limits fact. Checked against the
     * thresholds tables so that a rule cannot name one that does not exist; the guard against code
     * in rules is elsewhere, this only points at a typo before the rule runs.
     */
    private static final Pattern THRESHOLD_USE = Pattern.compile("\\bget\\(\\s*\"([A-Za-z0-9_]+)\"\\s*\\)");

    private static final java.util.concurrent.atomic.AtomicLong BUILDS = new java.util.concurrent.atomic.AtomicLong();
    /** Where the parser says "Line 7:32" in its text, the column it leaves out of the message. */
    private static final Pattern LINE_COLUMN = Pattern.compile("\\bLine (\\d+):(\\d+)\\b");

    private final RuleGuard guard = new RuleGuard();
    private final RuleSetCache cache;

    /** A loader using the configured cache of built rule sets ({@link RuleSetCache#standard()}). */
    public RuleSetLoader() {
        this(RuleSetCache.standard());
    }

    /** A loader using this cache of built rule sets. */
    public RuleSetLoader(RuleSetCache cache) {
        this.cache = cache;
    }

    /** The cache of built rule sets this loader reads and writes. */
    public RuleSetCache cache() {
        return cache;
    }

    /** Reads the rule files of a folder: relative path (with forward slashes) to content. */
    public static Map<String, byte[]> readFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RuleBuildException(
                    List.of(new BuildProblem(dir.toString(), 0, 0, "the rules folder does not exist")));
        }
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith("tests/") || isHidden(rel) || !isRuleFile(rel)) {
                    continue;
                }
                files.put(rel, Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules folder " + dir, e);
        }
        return files;
    }

    private static boolean isHidden(String rel) {
        return Arrays.stream(rel.split("/")).anyMatch(s -> s.startsWith(".") || s.startsWith("~$"));
    }

    public static boolean isRuleFile(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(EXTENSIONS).anyMatch(lower::endsWith);
    }

    /** A Drools decision table, refused since its cells are code. */
    public static boolean isLegacyTable(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(LEGACY_TABLES).anyMatch(lower::endsWith);
    }

    /** Why a decision table is refused, and how to turn it into a policy table. */
    static String legacyTableMessage(String name) {
        String base =
                name.substring(0, name.length() - (name.toLowerCase(Locale.ROOT).endsWith(".drl.csv") ? 8 : 9));
        String ext = name.toLowerCase(Locale.ROOT).endsWith(".drl.csv") ? ".table.csv" : ".table.xlsx";
        return "Drools decision tables are no longer read: their cells were run as code. Policy tables are plain"
                + " data now: rename the file to " + base + ext + ", delete the RuleSet, Import, Variables,"
                + " Dialect, RULEFLOW-GROUP, RuleTable, ACTION and code rows (keep Notes rows if you like), so that"
                + " the title row (Term/Phrase, Meaning, Language, Jurisdiction, Why; Platform, Format, Characters,"
                + " Line breaks, Why; or Threshold, Value, What it means) comes next, then the data rows; then"
                + " delete " + name;
    }

    /** The content hash of a set of rule files: SHA-256 over sorted paths and contents. */
    public static String hash(Map<String, byte[]> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : new TreeMap<>(files).entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Integer.toString(e.getValue().length).getBytes(StandardCharsets.US_ASCII));
                md.update((byte) 0);
                md.update(e.getValue());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public RuleSet load(Path dir) {
        return build(readFolder(dir));
    }

    /** Builds a rule set from files (relative path to content); throws {@link RuleBuildException}. */
    public RuleSet build(Map<String, byte[]> files) {
        if (files.isEmpty()) {
            throw new RuleBuildException(List.of(new BuildProblem(null, 0, 0, "no rule files found")));
        }
        // Rule code is checked before the engine sees it: compiling DRL runs parts of it (metadata,
        // policy rows), and a rule set that is built can be run by validate and the rule tests.
        // Drools decision tables ran their cells as code: refused, whatever the guard finds in them.
        List<BuildProblem> refused = new ArrayList<>();
        for (String name : files.keySet()) {
            if (isLegacyTable(name)) {
                refused.add(new BuildProblem(name, 0, 0, legacyTableMessage(name)));
            }
        }
        if (!refused.isEmpty()) {
            // Refused anyway; the guard's findings tell the officer what else the files hold.
            refused.addAll(guard.check(files));
            throw new RuleBuildException(refused);
        }
        String hash = hash(files);
        // A rule set built before from exactly these files (same content hash, same build of
        // Candor, Drools and Java) passed the guard then: its verdict holds for identical content.
        List<InternalKnowledgePackage> cached = cache.load(hash, KnownClasses.application());
        if (cached == null) {
            refused.addAll(guard.check(files));
            if (!refused.isEmpty()) {
                throw new RuleBuildException(refused);
            }
        }
        List<BuildProblem> problems = new ArrayList<>();
        Map<String, byte[]> drl = new TreeMap<>();
        Map<String, byte[]> tables = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            if (PolicyTables.isTable(e.getKey())) {
                tables.put(e.getKey(), e.getValue());
            } else {
                drl.put(e.getKey(), e.getValue());
            }
        }
        Policy policy = readPolicy(tables, problems);
        if (policy != null) {
            checkThresholdNames(drl, policy, problems);
        }
        if (cached != null && problems.isEmpty()) {
            RuleSet fromCache = fromPackages(hash, files, policy, cached);
            if (fromCache != null) {
                return fromCache;
            }
        }
        if (cached != null) {
            // The entry was trusted for content that passed the guard; built anew, it is checked anew.
            refused.addAll(guard.check(files));
            if (!refused.isEmpty()) {
                throw new RuleBuildException(refused);
            }
        }
        KieServices ks = KieServices.get();
        // A release id of its own per build: disposing one build never touches another, even of
        // the same files.
        ReleaseId releaseId =
                ks.newReleaseId("org.candor.rules", "pack-" + hash.substring(0, 16), "1.0." + BUILDS.incrementAndGet());
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        KieModuleModel module = ks.newKieModuleModel();
        module.newKieBaseModel("candor").setDefault(true).setEqualsBehavior(EqualityBehaviorOption.IDENTITY);
        // No package filter: every file is in the base. With one ("*"), Drools compares each
        // file's package with its folder and warns that they differ; the files sit at the root.
        kfs.writeKModuleXML(module.toXML());
        for (Map.Entry<String, byte[]> e : drl.entrySet()) {
            Resource resource =
                    ks.getResources().newByteArrayResource(e.getValue()).setSourcePath(e.getKey());
            kfs.write("src/main/resources/" + e.getKey(), resource);
        }
        KieBuilder builder = ks.newKieBuilder(kfs, KnownClasses.application()).buildAll(DrlProject.class);
        List<BuildProblem> compile = new ArrayList<>();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            compile.add(problemOf(m));
        }
        dropEchoes(compile);
        problems.addAll(compile);
        if (!problems.isEmpty()) {
            ks.getRepository().removeKieModule(releaseId);
            throw new RuleBuildException(problems);
        }
        KieContainer container = ks.newKieContainer(releaseId, KnownClasses.application());
        try {
            KieBase base = container.getKieBase();
            Map<String, RuleMeta> index = new HashMap<>();
            List<RuleMeta> catalog = catalog(base, index, problems);
            if (!problems.isEmpty()) {
                throw new RuleBuildException(problems);
            }
            cache.store(hash, ((InternalRuleBase) base).getPackagesMap().values());
            return ruleSet(hash, files, container, base, policy, catalog, index);
        } catch (RuntimeException e) {
            dispose(container, releaseId);
            throw e;
        }
    }

    private static RuleSet ruleSet(
            String hash,
            Map<String, byte[]> files,
            KieContainer container,
            KieBase base,
            Policy policy,
            List<RuleMeta> catalog,
            Map<String, RuleMeta> index) {
        Map<String, byte[]> contents = new TreeMap<>();
        files.forEach((name, bytes) -> contents.put(name, bytes.clone()));
        return new RuleSet(
                hash,
                List.copyOf(contents.keySet()),
                container,
                base,
                policy,
                catalog,
                Map.copyOf(index),
                Instant.now(),
                Collections.unmodifiableMap(contents));
    }

    /**
     * The rule set from the compiled packages of a cache entry, in a knowledge base configured as
     * a built one is; null, with a warning, when they do not load or do not make a catalog.
     */
    private static RuleSet fromPackages(
            String hash, Map<String, byte[]> files, Policy policy, List<InternalKnowledgePackage> packages) {
        try {
            ClassLoader classLoader = KnownClasses.application();
            KieBaseConfiguration conf = KieServices.get().newKieBaseConfiguration(null, classLoader);
            conf.setOption(EqualityBehaviorOption.IDENTITY);
            InternalKnowledgeBase base = KnowledgeBaseFactory.newKnowledgeBase(conf);
            base.addPackages(packages);
            List<BuildProblem> problems = new ArrayList<>();
            Map<String, RuleMeta> index = new HashMap<>();
            List<RuleMeta> catalog = catalog(base, index, problems);
            if (!problems.isEmpty() || catalog.isEmpty()) {
                throw new IllegalStateException("its rules do not make a catalog: " + problems);
            }
            return ruleSet(hash, files, null, base, policy, catalog, index);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("the cached rule set {} does not load ({}); building the rules again", hash, e.toString());
            return null;
        }
    }

    /** Frees what a rule set holds in the engine: its container and its module in the repository. */
    public static void dispose(RuleSet ruleSet) {
        if (ruleSet.container() != null) {
            dispose(ruleSet.container(), ruleSet.container().getReleaseId());
        }
    }

    private static void dispose(KieContainer container, ReleaseId releaseId) {
        container.dispose();
        KieServices.get().getRepository().removeKieModule(releaseId);
    }

    private static String relative(String path) {
        if (path == null) {
            return null;
        }
        return path.startsWith("src/main/resources/") ? path.substring("src/main/resources/".length()) : path;
    }

    private static String fileOf(Rule rule) {
        if (rule instanceof RuleImpl impl && impl.getResource() != null) {
            return relative(impl.getResource().getSourcePath());
        }
        return null;
    }

    /** Reads the policy tables; null, with the problems added, when they hold bad values. */
    private static Policy readPolicy(Map<String, byte[]> tables, List<BuildProblem> problems) {
        try {
            return PolicyTables.read(tables);
        } catch (PolicyException e) {
            for (PolicyProblem p : e.details()) {
                problems.add(problemOf(p));
            }
            return null;
        }
    }

    /** Every threshold a rule file names literally must have a row in a thresholds table. */
    private static void checkThresholdNames(Map<String, byte[]> drl, Policy policy, List<BuildProblem> problems) {
        for (Map.Entry<String, byte[]> e : drl.entrySet()) {
            String text = new String(e.getValue(), StandardCharsets.UTF_8);
            Matcher m = THRESHOLD_USE.matcher(text);
            while (m.find()) {
                String name = m.group(1);
                if (name.equals(name.toUpperCase(Locale.ROOT))
                        && !policy.thresholds().containsKey(name)) {
                    int line = 1
                            + (int) text.substring(0, m.start())
                                    .chars()
                                    .filter(c -> c == '\n')
                                    .count();
                    int column = m.start() - text.lastIndexOf('\n', m.start() - 1);
                    problems.add(new BuildProblem(
                            e.getKey(),
                            line,
                            column,
                            "the rule reads the threshold '" + name + "', but no thresholds table has a row named "
                                    + name + "; add the row or use one of "
                                    + policy.thresholds().keySet()));
                }
            }
        }
    }

    private static BuildProblem problemOf(Message m) {
        String text = m.getText().strip();
        int line = m.getLine();
        int column = m.getColumn();
        Matcher lc = LINE_COLUMN.matcher(text);
        if (column <= 0 && lc.find() && (line <= 0 || Integer.parseInt(lc.group(1)) == line)) {
            line = Integer.parseInt(lc.group(1));
            column = Integer.parseInt(lc.group(2));
        }
        return new BuildProblem(relative(m.getPath()), line, column, text);
    }

    /** The parser's "returned a null Package" only repeats that a file it named already failed. */
    private static void dropEchoes(List<BuildProblem> problems) {
        problems.removeIf(
                p -> isEcho(p) && problems.stream().anyMatch(o -> !isEcho(o) && Objects.equals(o.file(), p.file())));
    }

    private static boolean isEcho(BuildProblem p) {
        return p.message().startsWith("Parser returned a null Package");
    }

    /**
     * A policy problem as a build problem: its file, row and column, and in the message the row,
     * the column's letter and title, and the sheet of a workbook.
     */
    private static BuildProblem problemOf(PolicyProblem p) {
        RowOrigin o = p.origin();
        if (o == RowOrigin.NONE) {
            return new BuildProblem(null, 0, 0, "policy tables: " + p.message());
        }
        StringBuilder where = new StringBuilder();
        if (o.sheet() != null) {
            where.append("sheet '").append(o.sheet()).append("', ");
        }
        if (o.row() > 0) {
            where.append("row ").append(o.row());
        }
        if (p.column() > 0) {
            where.append(where.isEmpty() ? "" : ", ")
                    .append("column ")
                    .append(p.columnLetter())
                    .append(p.columnTitle() == null ? "" : " '" + p.columnTitle() + "'");
        }
        String message = where.isEmpty() ? p.message() : where + ": " + p.message();
        return new BuildProblem(o.file(), o.row(), p.column(), message);
    }

    private static List<RuleMeta> catalog(KieBase base, Map<String, RuleMeta> index, List<BuildProblem> problems) {
        Map<String, RuleMeta> byId = new LinkedHashMap<>();
        Map<String, String> firstRuleOfId = new HashMap<>();
        for (KiePackage pkg : base.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                RuleMeta meta = metaOf(rule, problems);
                if (meta == null) {
                    continue;
                }
                RuleMeta known = byId.get(meta.id());
                if (known == null) {
                    byId.put(meta.id(), meta);
                    firstRuleOfId.put(meta.id(), rule.getName());
                } else if (!sameButScope(known, meta)) {
                    problems.add(new BuildProblem(
                            fileOf(rule),
                            0,
                            0,
                            "rule '" + rule.getName() + "' carries id " + meta.id()
                                    + " but its metadata differs from rule '" + firstRuleOfId.get(meta.id())
                                    + "' with the same id"));
                } else {
                    List<Scope> scopes = new ArrayList<>(known.scopes());
                    meta.scopes().stream().filter(s -> !scopes.contains(s)).forEach(scopes::add);
                    byId.put(
                            meta.id(),
                            new RuleMeta(
                                    known.id(),
                                    known.title(),
                                    known.category(),
                                    known.severity(),
                                    known.source(),
                                    known.remediation(),
                                    List.copyOf(scopes),
                                    known.jurisdictions()));
                }
                index.put(pkg.getName() + "/" + rule.getName(), meta);
            }
        }
        // Index entries point at the merged catalog entry of their id.
        index.replaceAll((k, v) -> byId.get(v.id()));
        return byId.values().stream()
                .sorted((a, b) -> compareIds(a.id(), b.id()))
                .toList();
    }

    private static boolean sameButScope(RuleMeta a, RuleMeta b) {
        return a.title().equals(b.title())
                && a.category() == b.category()
                && a.severity() == b.severity()
                && a.source().equals(b.source())
                && a.remediation().equals(b.remediation())
                && a.jurisdictions().equals(b.jurisdictions());
    }

    /** DISC before ATTR before CLAIM before AUD, as the spec lists them; numbers in order. */
    static int compareIds(String a, String b) {
        int ca = categoryOrder(a);
        int cb = categoryOrder(b);
        return ca != cb ? Integer.compare(ca, cb) : a.compareTo(b);
    }

    private static int categoryOrder(String id) {
        List<String> order = List.of("DISC", "ATTR", "CLAIM", "AUD");
        int i = order.indexOf(id.contains("-") ? id.substring(0, id.indexOf('-')) : id);
        return i < 0 ? order.size() : i;
    }

    private static RuleMeta metaOf(Rule rule, List<BuildProblem> problems) {
        Map<String, Object> md = rule.getMetaData();
        String file = fileOf(rule);
        List<String> missing = new ArrayList<>();
        for (String key : RuleMeta.REQUIRED) {
            Object v = md.get(key);
            if (v == null || v.toString().isBlank()) {
                missing.add("@" + key);
            }
        }
        if (!missing.isEmpty()) {
            problems.add(new BuildProblem(
                    file, 0, 0, "rule '" + rule.getName() + "' lacks metadata " + String.join(", ", missing)));
            return null;
        }
        String id = text(md, "id");
        Category category = parse(Category.class, text(md, "category"), file, rule, "category", problems);
        Severity severity = parse(Severity.class, text(md, "severity"), file, rule, "severity", problems);
        List<Scope> scopes = new ArrayList<>();
        for (String s : text(md, "scope").split("[,\\s]+")) {
            Scope scope = parse(Scope.class, s, file, rule, "scope", problems);
            if (scope != null) {
                scopes.add(scope);
            }
        }
        List<String> jurisdictions = md.get("jurisdiction") == null
                ? List.of()
                : Arrays.stream(text(md, "jurisdiction").split("[,\\s]+"))
                        .filter(s -> !s.isBlank())
                        .map(s -> s.toUpperCase(Locale.ROOT))
                        .toList();
        if (!id.matches("[A-Z]+-\\d{3}")) {
            problems.add(new BuildProblem(
                    file, 0, 0, "rule '" + rule.getName() + "' has id '" + id + "'; ids look like DISC-001"));
            return null;
        }
        if (category == null || severity == null || scopes.isEmpty()) {
            return null;
        }
        return new RuleMeta(
                id,
                text(md, "title"),
                category,
                severity,
                text(md, "source"),
                text(md, "remediation"),
                List.copyOf(scopes),
                jurisdictions);
    }

    private static String text(Map<String, Object> md, String key) {
        Object v = md.get(key);
        String s = v == null ? "" : v.toString().strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static <E extends Enum<E>> E parse(
            Class<E> type, String value, String file, Rule rule, String key, List<BuildProblem> problems) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new BuildProblem(
                    file,
                    0,
                    0,
                    "rule '" + rule.getName() + "' has @" + key + "(\"" + value + "\"); use one of "
                            + Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }
}
