package org.candor.rules.guard;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.candor.rules.BuildProblem;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AccumulateImportDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotatedBaseDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalBranchDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.GroupByDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NamedConsequenceDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.PatternSourceDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.ast.descr.TypeFieldDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;
import org.drools.mvel.parser.MvelParser;

/**
 * Checks rule files before Drools builds them: every {@code .drl} file is parsed with Drools' own
 * DRL parser, and every piece of code in it (constraints, {@code eval}, {@code from} and
 * accumulate expressions, consequences, functions, metadata, attributes, declared types) is read
 * with a Java parser and held against the {@link HelperApi}. A refused construct is a
 * {@link BuildProblem} with its file, line and the construct named; a file with any is never
 * compiled, so none of its code runs. A rule whose patterns are not joined, so that it would make
 * every combination of many facts before any limit can stop it, is refused too ({@link JoinCheck}).
 *
 * <p>Files that are not {@code .drl} (policy tables) are not rule code and are left to their own
 * readers.
 */
public final class RuleGuard {

    /** The Drools packages code may not claim, so that its names stay the project's. */
    private static final List<String> RESERVED_PACKAGES =
            List.of("java", "javax", "jdk", "sun", "com.sun", "org.candor", "org.drools", "org.kie", "org.mvel2");
    /** Packages a rule file may import on demand ({@code import x.*}). */
    private static final Set<String> ON_DEMAND_IMPORTS =
            Set.of("org.candor.evaluation.facts", "org.candor.campaign", "java.util");
    /** Rule attributes that take no code: any other is refused. */
    private static final Set<String> ATTRIBUTES = Set.of(
            "salience",
            "no-loop",
            "ruleflow-group",
            "agenda-group",
            "activation-group",
            "dialect",
            "enabled",
            "date-effective",
            "date-expires");

    private static final Pattern LINE_COLUMN = Pattern.compile("\\bLine (\\d+):(\\d+)\\b");
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u+[0-9a-fA-F]{4}");

    /** A parser keeps state while it parses: one per thread, as rule sets are checked concurrently. */
    private static final ThreadLocal<JavaParser> JAVA =
            ThreadLocal.withInitial(() -> new JavaParser(new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                    .setPreprocessUnicodeEscapes(true)));

    /** Checks every {@code .drl} file of a rule set; returns the refused constructs, none when it is safe. */
    public List<BuildProblem> check(Map<String, byte[]> files) {
        Map<String, PackageDescr> parsed = new HashMap<>();
        Set<BuildProblem> problems = Refusals.collector();
        Set<String> tables = new HashSet<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            String lower = e.getKey().toLowerCase(Locale.ROOT);
            String text;
            if (lower.endsWith(".drl")) {
                text = new String(e.getValue(), StandardCharsets.UTF_8);
            } else if (lower.endsWith(".drl.csv") || lower.endsWith(".drl.xlsx")) {
                // A decision table is compiled into DRL: its data cells are pasted into code rows.
                // The generated DRL is what the engine builds, so it is what is checked.
                text = tableDrl(e.getKey(), e.getValue(), new Refusals(e.getKey(), problems));
                if (text == null) {
                    continue;
                }
                tables.add(e.getKey());
            } else {
                continue;
            }
            Refusals refusals = new Refusals(e.getKey(), problems);
            PackageDescr pkg = parse(text, refusals);
            if (pkg != null) {
                parsed.put(e.getKey(), pkg);
            }
        }
        // Declared types and functions are visible to every file of their package.
        Map<String, String> declared = new HashMap<>();
        Map<String, Set<String>> functions = new HashMap<>();
        Set<String> queries = new HashSet<>();
        for (PackageDescr pkg : parsed.values()) {
            for (TypeDeclarationDescr t : pkg.getTypeDeclarations()) {
                if (HelperApi.load(qualify(pkg, t.getTypeName())).isEmpty()) {
                    declared.put(t.getTypeName(), qualify(pkg, t.getTypeName()));
                }
            }
            for (FunctionDescr f : pkg.getFunctions()) {
                functions.computeIfAbsent(pkg.getName(), k -> new HashSet<>()).add(f.getName());
            }
            pkg.getRules().stream().filter(RuleDescr::isQuery).forEach(q -> queries.add(q.getName()));
        }
        for (Map.Entry<String, PackageDescr> e : parsed.entrySet()) {
            new FileCheck(
                            tables.contains(e.getKey()) ? HelperApi.forTables() : HelperApi.get(),
                            e.getValue(),
                            new Refusals(e.getKey(), problems),
                            declared,
                            functions.getOrDefault(e.getValue().getName(), Set.of()),
                            queries)
                    .run();
        }
        return Refusals.list(problems);
    }

    private static String qualify(PackageDescr pkg, String name) {
        return name.contains(".") || pkg.getName() == null || pkg.getName().isEmpty()
                ? name
                : pkg.getName() + "." + name;
    }

    private static String tableDrl(String name, byte[] content, Refusals refusals) {
        try {
            InputType type = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? InputType.CSV : InputType.XLS;
            return new SpreadsheetCompiler().compile(new ByteArrayInputStream(content), type);
        } catch (RuntimeException e) {
            refusals.add(0, "the decision table cannot be read: " + e.getMessage());
            return null;
        }
    }

    private static PackageDescr parse(String text, Refusals refusals) {
        Matcher escape = UNICODE_ESCAPE.matcher(text);
        if (escape.find()) {
            refusals.add(
                    lineAt(text, escape.start()),
                    "a unicode escape (" + escape.group()
                            + ") is refused: the compiler reads it as code even inside text; write the character itself");
            return null;
        }
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, text);
        } catch (DroolsParserException | RuntimeException e) {
            refusals.add(0, "the file cannot be parsed: " + e.getMessage());
            return null;
        }
        if (parser.hasErrors() || pkg == null) {
            for (DroolsError error : parser.getErrors()) {
                int line = error instanceof ParserError pe ? pe.getRow() : 0;
                int column = error instanceof ParserError pe ? pe.getCol() : 0;
                // The parser's text says "Line 7:32"; its column field is not always set.
                Matcher lc = LINE_COLUMN.matcher(error.getMessage());
                if (column <= 0 && lc.find() && (line <= 0 || Integer.parseInt(lc.group(1)) == line)) {
                    line = Integer.parseInt(lc.group(1));
                    column = Integer.parseInt(lc.group(2));
                }
                refusals.add(line, column, "the file cannot be parsed: " + error.getMessage());
            }
            if (!parser.hasErrors()) {
                refusals.add(0, "the file cannot be parsed");
            }
            return null;
        }
        return pkg;
    }

    private static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The check of one parsed file. */
    private final class FileCheck {
        private final PackageDescr pkg;
        private final Refusals refusals;
        private final TypeNames types;
        private final Set<String> functions;
        private final Set<String> queries;
        private final Set<String> collectors = new HashSet<>();
        private final Set<String> globals = new HashSet<>();
        private final HelperApi api;
        private final CodeCheck code;

        FileCheck(
                HelperApi api,
                PackageDescr pkg,
                Refusals refusals,
                Map<String, String> declared,
                Set<String> functions,
                Set<String> queries) {
            this.pkg = pkg;
            this.refusals = refusals;
            this.types = new TypeNames(pkg.getName(), declared);
            this.functions = functions;
            this.queries = queries;
            this.api = api;
            this.code = new CodeCheck(api, types, functions, collectors, refusals);
        }

        void run() {
            String name = pkg.getName() == null ? "" : pkg.getName();
            for (String reserved : RESERVED_PACKAGES) {
                if (name.equals(reserved) || name.startsWith(reserved + ".")) {
                    refusals.add(
                            pkg.getLine(),
                            "package " + name + " is refused: it is a package of the"
                                    + " service's or the platform's code; name rule packages candor.something");
                }
            }
            imports();
            for (FunctionImportDescr f : pkg.getFunctionImports()) {
                refusals.add(
                        f.getLine(),
                        "import function " + f.getTarget()
                                + " is refused: only functions written in the rule files may be called");
            }
            for (AccumulateImportDescr a : pkg.getAccumulateImports()) {
                refusals.add(
                        a.getLine(),
                        "import accumulate " + a.getTarget()
                                + " is refused: only Drools' built-in accumulate functions may be used");
            }
            for (GlobalDescr g : pkg.getGlobals()) {
                TypeNames.Resolved t = resolve(g.getType());
                if (t != null && !HelperApi.FINDING_COLLECTOR.equals(t.fqn()) && api.isAllowedGlobal(t.fqn())) {
                    globals.add(g.getIdentifier());
                } else if (t == null || !HelperApi.FINDING_COLLECTOR.equals(t.fqn())) {
                    refusals.add(
                            g.getLine(),
                            "global " + g.getType() + " " + g.getIdentifier()
                                    + " is refused: the one global a rule file may declare is the findings collector ("
                                    + HelperApi.FINDING_COLLECTOR + ")");
                } else {
                    collectors.add(g.getIdentifier());
                }
            }
            for (AttributeDescr a : pkg.getAttributes()) {
                attribute(a, "package");
            }
            if (!pkg.getEnumDeclarations().isEmpty()) {
                refusals.add(
                        pkg.getEnumDeclarations().get(0).getLine(),
                        "declare enum is refused: enums of the helper API can be used instead");
            }
            if (!pkg.getWindowDeclarations().isEmpty()) {
                refusals.add(
                        pkg.getWindowDeclarations().iterator().next().getLine(),
                        "declare window is refused: rules judge one submission, not a stream");
            }
            if (pkg.getUnit() != null) {
                refusals.add(pkg.getLine(), "unit is refused: rules are plain DRL rules");
            }
            for (TypeDeclarationDescr t : pkg.getTypeDeclarations()) {
                declaration(t);
            }
            for (FunctionDescr f : pkg.getFunctions()) {
                function(f);
            }
            for (RuleDescr r : pkg.getRules()) {
                rule(r);
            }
        }

        private void imports() {
            for (ImportDescr i : pkg.getImports()) {
                String target = i.getTarget().strip();
                if (target.endsWith(".*")) {
                    String p = target.substring(0, target.length() - 2);
                    if (ON_DEMAND_IMPORTS.contains(p)) {
                        types.addOnDemand(p);
                    } else {
                        refusals.add(
                                i.getLine(),
                                "import " + target + " is refused: import on demand only from " + ON_DEMAND_IMPORTS
                                        + "; import other helper API types one by one");
                    }
                    continue;
                }
                boolean declared = types.declaredNames().contains(target);
                if (!declared && !api.isAllowedType(target)) {
                    refusals.add(i.getLine(), "import " + target + " is refused: not a type of the helper API");
                } else {
                    types.addImport(target);
                }
            }
        }

        private TypeNames.Resolved resolve(String typeName) {
            String base = typeName.replaceAll("<.*", "").replace("[]", "").strip();
            if (base.isEmpty() || isPrimitive(base)) {
                return new TypeNames.Resolved(base, true);
            }
            List<String> parts = List.of(base.split("\\."));
            return types.prefix(parts)
                    .filter(p -> p.parts() == parts.size())
                    .map(TypeNames.Prefix::type)
                    .orElse(null);
        }

        private static boolean isPrimitive(String name) {
            return Set.of("boolean", "byte", "char", "short", "int", "long", "float", "double", "void")
                    .contains(name);
        }

        /** A type named outside code (patterns, declarations, parameters) must be on the list. */
        private void namedType(String typeName, int line, String where) {
            TypeNames.Resolved t = resolve(typeName);
            if (t == null || !t.declared() && !api.isAllowedType(t.fqn())) {
                refusals.add(line, where + ": type " + typeName + " is refused: not a type of the helper API");
            }
            if (typeName.contains("<")) {
                for (String arg : typeName.substring(typeName.indexOf('<') + 1, typeName.lastIndexOf('>'))
                        .split("[,<>]")) {
                    if (!arg.isBlank() && !arg.strip().equals("?")) {
                        namedType(arg.strip(), line, where);
                    }
                }
            }
        }

        private void attribute(AttributeDescr a, String where) {
            String name = a.getName();
            String value = a.getValue() == null ? "" : a.getValue().strip();
            if (!ATTRIBUTES.contains(name)) {
                String why = name.equals("lock-on-active")
                        ? "it lets a rule change facts without re-firing; rules report, they do not change facts"
                        : "only " + ATTRIBUTES + " may be used";
                refusals.add(a.getLine(), where + ": attribute " + name + " is refused: " + why);
                return;
            }
            switch (name) {
                case "dialect" -> {
                    // A decision table's code rows are MVEL; they are held to the same list as Java.
                    if (!unquote(value).equals("java")
                            && !(api.tables() && unquote(value).equals("mvel"))) {
                        refusals.add(
                                a.getLine(),
                                where + ": dialect " + value + " is refused: rule code is Java,"
                                        + " checked against the helper API; MVEL consequences are not");
                    }
                }
                case "salience" -> {
                    if (!value.matches("-?\\d{1,9}")) {
                        refusals.add(
                                a.getLine(),
                                where + ": salience " + value
                                        + " is refused: it is evaluated as code; give a whole number");
                    }
                }
                case "enabled" -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        refusals.add(
                                a.getLine(),
                                where + ": enabled " + value
                                        + " is refused: it is evaluated as code; give true or false");
                    }
                }
                default -> {
                    // names and flags: no code
                }
            }
        }

        private static String unquote(String s) {
            return s.length() >= 2 && (s.startsWith("\"") || s.startsWith("'")) ? s.substring(1, s.length() - 1) : s;
        }

        /** Metadata values are evaluated by the engine when it builds: only literals may be given. */
        private void annotations(AnnotatedBaseDescr d, String where) {
            for (AnnotationDescr a : d.getAnnotations()) {
                for (Map.Entry<String, Object> v : a.getValueMap().entrySet()) {
                    if (!isLiteral(v.getValue())) {
                        refusals.add(
                                a.getLine() > 0 ? a.getLine() : d.getLine(),
                                where + ": @" + a.getName() + "("
                                        + v.getValue() + ") is refused: metadata is evaluated as code when the rules"
                                        + " are built; give plain text in quotes");
                    }
                }
            }
        }

        private boolean isLiteral(Object value) {
            if (!(value instanceof String s)) {
                return false;
            }
            if (s.isBlank() || s.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                return true; // a bare word, such as @role(event), is a name, not code
            }
            ParseResult<Expression> r = JAVA.get().parseExpression(s);
            if (!r.isSuccessful() || r.getResult().isEmpty()) {
                return false;
            }
            Expression e = r.getResult().get();
            return e instanceof LiteralExpr || e instanceof UnaryExpr u && u.getExpression() instanceof LiteralExpr;
        }

        private void declaration(TypeDeclarationDescr t) {
            String where = "declare " + t.getTypeName();
            annotations(t, where);
            for (var s : t.getSuperTypes()) {
                if (!s.getFullName().equals("java.lang.Object")) {
                    namedType(s.getFullName(), t.getLine(), where);
                }
            }
            for (TypeFieldDescr f : t.getFields().values()) {
                annotations(f, where + "." + f.getFieldName());
                namedType(f.getPattern().getObjectType(), f.getLine(), where + "." + f.getFieldName());
                if (f.getInitExpr() != null
                        && !f.getInitExpr().isBlank()
                        && !isLiteral(f.getInitExpr().strip())) {
                    refusals.add(
                            f.getLine(),
                            where + "." + f.getFieldName() + ": initial value "
                                    + f.getInitExpr().strip() + " is refused: give a literal value");
                }
            }
        }

        private void function(FunctionDescr f) {
            String where = "function " + f.getName();
            if (f.getDialect() != null && !f.getDialect().equals("java")) {
                refusals.add(f.getLine(), where + ": dialect " + f.getDialect() + " is refused: functions are Java");
            }
            if (f.getReturnType() != null) {
                namedType(f.getReturnType(), f.getLine(), where);
            }
            for (String type : f.getParameterTypes()) {
                namedType(type, f.getLine(), where);
            }
            Set<String> variables = new HashSet<>(f.getParameterNames());
            block(f.getBody(), f.getLine(), where, variables);
        }

        private void rule(RuleDescr r) {
            String where = (r.isQuery() ? "query \"" : "rule \"") + r.getName() + "\"";
            annotations(r, where);
            for (AttributeDescr a : r.getAttributes().values()) {
                attribute(a, where);
            }
            Set<String> bound = new HashSet<>(collectors);
            bound.addAll(globals);
            if (r instanceof QueryDescr q && q.getParameters() != null) {
                bound.addAll(List.of(q.getParameters()));
                for (String type : q.getParameterTypes()) {
                    namedType(type, q.getLine(), where);
                }
            }
            lhs(r.getLhs(), where, bound, r.getLine());
            new JoinCheck(types, queries).check(r.getLhs()).ifPresent(m -> refusals.add(r.getLine(), where + ": " + m));
            if (r.getConsequence() instanceof String body) {
                block(body, r.getConsequenceLine(), where + ", consequence", bound);
            }
            for (Map.Entry<String, Object> named : r.getNamedConsequences().entrySet()) {
                if (named.getValue() instanceof String body) {
                    block(body, r.getConsequenceLine(), where + ", consequence [" + named.getKey() + "]", bound);
                }
            }
        }

        private void lhs(BaseDescr d, String where, Set<String> bound, int fallbackLine) {
            int line = d.getLine() > 0 ? d.getLine() : fallbackLine;
            if (d instanceof AndDescr
                    || d instanceof OrDescr
                    || d instanceof NotDescr
                    || d instanceof ExistsDescr
                    || d instanceof ForallDescr) {
                for (BaseDescr child : children(d)) {
                    lhs(child, where, bound, line);
                }
            } else if (d instanceof PatternDescr p) {
                pattern(p, where, bound, line);
            } else if (d instanceof EvalDescr eval) {
                expression(String.valueOf(eval.getContent()), CodeCheck.Mode.CODE, line, where + ", eval", bound);
            } else if (d instanceof ConditionalBranchDescr branch) {
                for (ConditionalBranchDescr b = branch; b != null; b = b.getElseBranch()) {
                    if (b.getCondition() != null) {
                        lhs(b.getCondition(), where, bound, line);
                    }
                }
            } else if (d instanceof NamedConsequenceDescr) {
                // a reference to a consequence, checked with the rule's consequences
            } else {
                refusals.add(
                        line,
                        where + ": " + d.getClass().getSimpleName().replace("Descr", "")
                                + " is refused: not a construct the rule checker knows");
            }
        }

        private Collection<? extends BaseDescr> children(BaseDescr d) {
            if (d instanceof AndDescr a) {
                return a.getDescrs();
            } else if (d instanceof OrDescr o) {
                return o.getDescrs();
            } else if (d instanceof NotDescr n) {
                return n.getDescrs();
            } else if (d instanceof ExistsDescr e) {
                return e.getDescrs();
            } else if (d instanceof ForallDescr f) {
                return f.getDescrs();
            }
            return List.of();
        }

        private void pattern(PatternDescr p, String where, Set<String> bound, int line) {
            if (p.getIdentifier() != null) {
                bound.add(p.getIdentifier());
            }
            String type = p.getObjectType();
            if (type != null && !queries.contains(type)) {
                namedType(type, line, where);
            }
            for (AnnotationDescr a : p.getAnnotations()) {
                if (!a.getName().equals("watch")) {
                    refusals.add(line, where + ": pattern annotation @" + a.getName() + " is refused");
                }
            }
            if (p.getBehaviors() != null && !p.getBehaviors().isEmpty()) {
                refusals.add(line, where + ": window behaviour (over ...) is refused");
            }
            PatternSourceDescr source = p.getSource();
            if (source != null) {
                source(source, where, bound, line);
            }
            for (BaseDescr c : p.getDescrs()) {
                int cl = c.getLine() > 0 ? c.getLine() : line;
                if (c instanceof ExprConstraintDescr e) {
                    expression(e.getExpression(), CodeCheck.Mode.CONSTRAINT, cl, where + ", constraint", bound);
                } else if (c instanceof BindingDescr b) {
                    bound.add(b.getVariable());
                    expression(b.getExpression(), CodeCheck.Mode.CONSTRAINT, cl, where + ", binding", bound);
                } else {
                    refusals.add(
                            cl, where + ": constraint " + c + " is refused: not a construct the rule checker knows");
                }
            }
        }

        private void source(PatternSourceDescr source, String where, Set<String> bound, int line) {
            if (source instanceof GroupByDescr) {
                refusals.add(line, where + ": groupby is refused: use accumulate");
            } else if (source instanceof AccumulateDescr acc) {
                if (acc.getInitCode() != null
                        || acc.getActionCode() != null
                        || acc.getResultCode() != null
                        || acc.getReverseCode() != null) {
                    refusals.add(
                            line,
                            where + ": accumulate with init/action/result code is refused: use"
                                    + " the built-in functions " + HelperApi.ACCUMULATE_FUNCTIONS);
                }
                if (acc.getInput() != null) {
                    lhs(acc.getInput(), where, bound, line);
                }
                for (AccumulateDescr.AccumulateFunctionCallDescr f : acc.getFunctions()) {
                    if (!HelperApi.ACCUMULATE_FUNCTIONS.contains(f.getFunction())) {
                        refusals.add(
                                line,
                                where + ": accumulate function " + f.getFunction()
                                        + " is refused: use the built-in functions " + HelperApi.ACCUMULATE_FUNCTIONS);
                    }
                    if (f.getBind() != null) {
                        bound.add(f.getBind());
                    }
                    for (String param : f.getParams()) {
                        expression(param, CodeCheck.Mode.MVEL, line, where + ", accumulate", bound);
                    }
                }
            } else if (source instanceof CollectDescr collect) {
                if (collect.getInputPattern() != null) {
                    lhs(collect.getInputPattern(), where, bound, line);
                }
            } else if (source instanceof FromDescr from) {
                expression(from.getExpression(), CodeCheck.Mode.MVEL, line, where + ", from", bound);
            } else if (!(source instanceof EntryPointDescr)) {
                refusals.add(
                        line,
                        where + ": " + source.getClass().getSimpleName().replace("Descr", "")
                                + " is refused: not a construct the rule checker knows");
            }
        }

        private void expression(String text, CodeCheck.Mode mode, int line, String where, Set<String> bound) {
            if (text == null || text.isBlank()) {
                return;
            }
            String expr = text;
            if (mode == CodeCheck.Mode.CONSTRAINT) {
                int colon = JoinCheck.bindingEnd(text);
                if (colon > 0) {
                    bound.add(text.substring(0, colon).strip());
                    expr = text.substring(colon + (text.startsWith(":=", colon) ? 2 : 1));
                }
            }
            ParseResult<? extends Node> r;
            try {
                r = mode == CodeCheck.Mode.CODE
                        ? JAVA.get().parseExpression(expr)
                        : new MvelParser(new ParserConfiguration(), false)
                                .parse(
                                        org.drools.mvel.parser.ParseStart.EXPRESSION,
                                        new org.drools.mvel.parser.StringProvider(expr));
            } catch (RuntimeException e) {
                r = null;
            }
            if (r == null || !r.isSuccessful() || r.getResult().isEmpty()) {
                refusals.add(
                        line,
                        where + ": '" + abbreviate(text) + "' is refused: it cannot be read as an"
                                + " expression the rule checker knows");
                return;
            }
            code.check(r.getResult().get(), mode, bound, new CodeCheck.Place(line, where));
        }

        private void block(String body, int line, String where, Set<String> bound) {
            if (body == null || body.isBlank()) {
                return;
            }
            ParseResult<BlockStmt> r = JAVA.get().parseBlock("{" + body + "\n}");
            Node root;
            if (r.isSuccessful() && r.getResult().isPresent()) {
                root = r.getResult().get();
            } else {
                try {
                    // The engine's own language for consequences: named so the refusal says what it is.
                    root = MvelParser.parseBlock("{" + body + "\n}");
                } catch (RuntimeException e) {
                    refusals.add(
                            line,
                            where + " is refused: it is not Java the rule checker can read ("
                                    + r.getProblems().stream()
                                            .findFirst()
                                            .map(p -> p.getMessage()
                                                    .lines()
                                                    .findFirst()
                                                    .orElse(""))
                                            .orElse("")
                                    + ")");
                    return;
                }
            }
            code.check(root, CodeCheck.Mode.CODE, bound, new CodeCheck.Place(line, where));
        }

        private static String abbreviate(String s) {
            String one = s.strip().replaceAll("\\s+", " ");
            return one.length() > 80 ? one.substring(0, 77) + "..." : one;
        }
    }
}
