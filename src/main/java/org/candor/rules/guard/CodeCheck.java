package org.candor.rules.guard;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.drools.mvel.parser.ast.expr.DrlxExpression;
import org.drools.mvel.parser.ast.expr.HalfBinaryExpr;
import org.drools.mvel.parser.ast.expr.HalfPointFreeExpr;
import org.drools.mvel.parser.ast.expr.InlineCastExpr;
import org.drools.mvel.parser.ast.expr.ListCreationLiteralExpression;
import org.drools.mvel.parser.ast.expr.ListCreationLiteralExpressionElement;
import org.drools.mvel.parser.ast.expr.MapCreationLiteralExpression;
import org.drools.mvel.parser.ast.expr.MapCreationLiteralExpressionKeyValuePair;
import org.drools.mvel.parser.ast.expr.ModifyStatement;
import org.drools.mvel.parser.ast.expr.NullSafeFieldAccessExpr;
import org.drools.mvel.parser.ast.expr.NullSafeMethodCallExpr;
import org.drools.mvel.parser.ast.expr.PointFreeExpr;
import org.drools.mvel.parser.ast.expr.RegexExpr;
import org.drools.mvel.parser.ast.expr.WithStatement;
import org.drools.mvel.parser.printer.PrintUtil;

/**
 * Holds one parsed piece of rule code (a constraint, an {@code eval}, a {@code from} source, a
 * consequence or a function body) against the {@link HelperApi}. Reports each refused construct
 * through the {@link Refusals} it is given.
 */
final class CodeCheck {

    /** The context code is read in. */
    enum Mode {
        /** A pattern constraint: bare names are the fact's fields, bare calls its methods. */
        CONSTRAINT,
        /** MVEL expressions ({@code from}, accumulate arguments): property reads call getters. */
        MVEL,
        /** Java: consequences, functions and eval; bare calls must be the rule files' functions. */
        CODE
    }

    /** Drools' point-free operators that compare values; others (matches, temporal, custom) are refused. */
    private static final Set<String> OPERATORS = Set.of("in", "contains", "excludes", "memberOf", "str");

    private final HelperApi api;
    private final TypeNames types;
    private final Set<String> functions;
    private final Set<String> collectors;
    private final Refusals refusals;

    CodeCheck(HelperApi api, TypeNames types, Set<String> functions, Set<String> collectors, Refusals refusals) {
        this.api = api;
        this.types = types;
        this.functions = functions;
        this.collectors = collectors;
        this.refusals = refusals;
    }

    /** Where a piece of code sits: its first line in the file, and what it is. */
    record Place(int firstLine, String what) {}

    /**
     * Checks a parsed piece of code.
     *
     * @param variables the names bound around it (rule bindings, globals, parameters)
     */
    void check(Node root, Mode mode, Set<String> variables, Place place) {
        Set<String> known = new HashSet<>(variables);
        known.addAll(collectors);
        for (VariableDeclarator v : root.findAll(VariableDeclarator.class)) {
            known.add(v.getNameAsString());
        }
        for (Parameter p : root.findAll(Parameter.class)) {
            known.add(p.getNameAsString());
        }
        // Lambda parameters without types parse as Parameter too; nothing else declares names.
        for (Node n : nodes(root)) {
            visit(n, mode, known, place);
        }
    }

    /**
     * Every node below the root. Drools' own expression nodes (point-free operators such as
     * {@code in} and {@code contains}) do not list their operands as children: they are added here.
     */
    private static List<Node> nodes(Node root) {
        List<Node> out = new ArrayList<>();
        Set<Node> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.ArrayDeque<Node> todo = new java.util.ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (!seen.add(n)) {
                continue;
            }
            out.add(n);
            List<Node> children = new ArrayList<>(n.getChildNodes());
            if (n instanceof DrlxExpression d) {
                children.add(d.getExpr());
            } else if (n instanceof PointFreeExpr p) {
                children.add(p.getLeft());
                children.addAll(p.getRight());
                children.addAll(java.util.Arrays.asList(p.getArg1(), p.getArg2(), p.getArg3(), p.getArg4()));
            } else if (n instanceof HalfPointFreeExpr p) {
                children.addAll(p.getRight());
                children.addAll(java.util.Arrays.asList(p.getArg1(), p.getArg2(), p.getArg3(), p.getArg4()));
            } else if (n instanceof HalfBinaryExpr h) {
                children.add(h.getRight());
            } else if (n instanceof InlineCastExpr c) {
                children.add(c.getExpression());
                children.add(c.getType());
            } else if (n instanceof ListCreationLiteralExpression l) {
                children.addAll(l.getExpressions());
            } else if (n instanceof MapCreationLiteralExpression m) {
                children.addAll(m.getExpressions());
            } else if (n instanceof ListCreationLiteralExpressionElement e) {
                children.add(e.getValue());
            } else if (n instanceof MapCreationLiteralExpressionKeyValuePair kv) {
                children.add(kv.getKey());
                children.add(kv.getValue());
            }
            for (Node c : children) {
                if (c != null) {
                    todo.push(c);
                }
            }
        }
        return out;
    }

    /** Source text of a node; Drools' nodes do not print with JavaParser's own printer. */
    static String text(Node n) {
        return PrintUtil.printNode(n);
    }

    private void visit(Node n, Mode mode, Set<String> known, Place place) {
        if (n instanceof NameExpr name) {
            name(name, mode, known, place);
        } else if (mode != Mode.CODE && n instanceof FieldAccessExpr fa && !isTypeMember(fa, known)) {
            property(fa.getNameAsString(), fa, place);
        } else if (n instanceof NullSafeFieldAccessExpr fa) {
            property(fa.getNameAsString(), fa, place);
        } else if (n instanceof MethodCallExpr call) {
            call(call.getNameAsString(), call.getScope(), call, mode, known, place);
        } else if (n instanceof NullSafeMethodCallExpr call) {
            call(call.getNameAsString(), call.getScope(), call, mode, known, place);
        } else if (n instanceof ObjectCreationExpr create) {
            creation(create, place);
        } else if (n instanceof ClassOrInterfaceType type) {
            type(type, place);
        } else if (n instanceof ClassExpr c) {
            refuse(n, place, text(c) + " (a class literal)", "reflection and class loading are refused");
        } else if (n instanceof MethodReferenceExpr ref) {
            reference(ref, known, place);
        } else if (n instanceof AssignExpr assign
                && (assign.getTarget() instanceof FieldAccessExpr
                        || assign.getTarget().isArrayAccessExpr())) {
            refuse(
                    n,
                    place,
                    "assignment to " + text(assign.getTarget()),
                    "rules report findings, they do not change facts");
        } else if (n instanceof ModifyStatement || n instanceof WithStatement) {
            refuse(n, place, "modify", "rules report findings, they do not change facts");
        } else if (n instanceof WhileStmt || n instanceof DoStmt || n instanceof ForStmt || n instanceof LabeledStmt) {
            refuse(
                    n,
                    place,
                    keyword(n) + " loop",
                    "loops with a condition may never end; use for (x : list) or a stream");
        } else if (n instanceof SynchronizedStmt) {
            refuse(n, place, "synchronized", "locks are out of a rule's reach");
        } else if (n instanceof TryStmt || n instanceof ThrowStmt) {
            refuse(n, place, keyword(n), "rules do not catch or throw exceptions; the engine reports failures");
        } else if (n instanceof LocalClassDeclarationStmt || n instanceof LocalRecordDeclarationStmt) {
            refuse(n, place, "a local class", "rules may not define classes; use declare for data types");
        } else if (n instanceof PointFreeExpr op
                && !OPERATORS.contains(op.getOperator().asString())) {
            operator(op.getOperator().asString(), n, place);
        } else if (n instanceof HalfPointFreeExpr op
                && !OPERATORS.contains(op.getOperator().asString())) {
            operator(op.getOperator().asString(), n, place);
        } else if (n instanceof RegexExpr) {
            refuse(n, place, "a regular expression", api.refusalOf("matches"));
        } else if (n instanceof InlineCastExpr cast && !cast.getType().isClassOrInterfaceType()) {
            refuse(n, place, "cast " + text(cast), "only types of the helper API may be named");
        }
    }

    private void operator(String name, Node at, Place place) {
        refuse(
                at,
                place,
                "the '" + name + "' operator",
                name.equals("matches") || name.equals("soundslike")
                        ? api.refusalOf("matches")
                        : "only the operators " + OPERATORS + " and Java's comparisons may be used");
    }

    private static String keyword(Node n) {
        String s = n.getClass().getSimpleName().replace("Stmt", "").toLowerCase();
        return s.equals("do") ? "do-while" : s;
    }

    private void name(NameExpr name, Mode mode, Set<String> known, Place place) {
        String id = name.getNameAsString();
        Optional<Node> parent = name.getParentNode();
        if (id.equals("drools")) {
            refuse(name, place, "drools", "rules report through the findings collector, not the engine's helper");
            return;
        }
        if (id.equals("kcontext")) {
            if (!(parent.orElse(null) instanceof MethodCallExpr call
                    && call.getArguments().contains(name)
                    && isCollectorCall(call))) {
                refuse(name, place, "kcontext", "the rule context may only be passed to findings.report(...)");
            }
            return;
        }
        if (known.contains(id) || id.startsWith("$")) {
            return;
        }
        List<String> parts = dotted(name);
        Optional<TypeNames.Prefix> prefix = types.prefix(parts);
        if (prefix.isPresent()) {
            allowedType(prefix.get().type(), name, place);
            return;
        }
        if (Character.isUpperCase(id.charAt(0))) {
            refuse(name, place, String.join(".", parts), "not a type of the helper API");
        } else if (mode == Mode.CONSTRAINT) {
            property(id, name, place);
        }
    }

    /** A property read in a constraint or MVEL expression calls its getter: that must be allowed. */
    private void property(String property, Node at, Place place) {
        String cap = property.isEmpty() ? property : Character.toUpperCase(property.charAt(0)) + property.substring(1);
        if (property.equals("class")) {
            refuse(at, place, "class", "reflection and class loading are refused");
            return;
        }
        // The engine reads a property through its getter (getX, isX), else a method of its name.
        for (String getter : List.of("get" + cap, "is" + cap)) {
            String reason = api.refusalOf(getter);
            if (reason != null) {
                refuse(at, place, property + " (" + getter + "())", reason);
                return;
            }
        }
        if (api.isAllowedMethod("get" + cap) || api.isAllowedMethod("is" + cap) || property.equals("length")) {
            return;
        }
        String reason = api.refusalOf(property);
        if (reason != null) {
            refuse(at, place, property + " (" + property + "())", reason);
        } else if (!api.isAllowedMethod(property)) {
            refuse(at, place, property, "not a property of the helper API's types");
        }
    }

    /** The dotted name a bare name starts: {@code java.lang.Runtime} for the NameExpr {@code java}. */
    private static List<String> dotted(NameExpr name) {
        List<String> parts = new ArrayList<>();
        parts.add(name.getNameAsString());
        Node cur = name;
        while (cur.getParentNode().orElse(null) instanceof FieldAccessExpr fa && fa.getScope() == cur) {
            parts.add(fa.getNameAsString());
            cur = fa;
        }
        return parts;
    }

    private boolean isCollectorCall(MethodCallExpr call) {
        return call.getScope()
                        .filter(s -> s instanceof NameExpr n && collectors.contains(n.getNameAsString()))
                        .isPresent()
                && HelperApi.COLLECTOR_METHODS.contains(call.getNameAsString());
    }

    private void call(String method, Optional<Expression> scope, Node call, Mode mode, Set<String> known, Place place) {
        String reason = api.refusalOf(method);
        if (reason != null) {
            refuse(call, place, method + "(...)", reason);
            return;
        }
        if (scope.isEmpty()) {
            if (functions.contains(method) || mode == Mode.CONSTRAINT && api.isAllowedMethod(method)) {
                return;
            }
            refuse(call, place, method + "(...)", "not a function of the rule files nor a method of the helper API");
            return;
        }
        Expression s = scope.get();
        if (s instanceof NameExpr n && collectors.contains(n.getNameAsString())) {
            if (!HelperApi.COLLECTOR_METHODS.contains(method)) {
                refuse(
                        call,
                        place,
                        n.getNameAsString() + "." + method + "(...)",
                        "the findings collector offers " + HelperApi.COLLECTOR_METHODS + " only");
            }
            return;
        }
        Optional<TypeNames.Resolved> staticType = typeOf(s, known);
        if (staticType.isPresent()) {
            TypeNames.Resolved t = staticType.get();
            if (!t.declared() && api.isAllowedType(t.fqn()) && !api.isAllowedStatic(t.fqn(), method)) {
                refuse(
                        call,
                        place,
                        simpleName(t.fqn()) + "." + method + "(...)",
                        "not a static method of the helper API");
            }
            return;
        }
        if (!api.isAllowedMethod(method)) {
            refuse(call, place, "." + method + "(...)", "not a method of the helper API");
        }
    }

    /** The type a scope names when it is a (dotted) type name rather than a value. */
    private Optional<TypeNames.Resolved> typeOf(Expression scope, Set<String> known) {
        List<String> parts = new ArrayList<>();
        Expression e = scope;
        while (e instanceof FieldAccessExpr fa) {
            parts.add(0, fa.getNameAsString());
            e = fa.getScope();
        }
        if (e instanceof TypeExpr te) {
            return Optional.ofNullable(resolve(te.getType().asString()));
        }
        if (!(e instanceof NameExpr n)
                || known.contains(n.getNameAsString())
                || n.getNameAsString().startsWith("$")) {
            return Optional.empty();
        }
        parts.add(0, n.getNameAsString());
        return types.prefix(parts).filter(p -> p.parts() == parts.size()).map(TypeNames.Prefix::type);
    }

    private TypeNames.Resolved resolve(String dotted) {
        List<String> parts = List.of(dotted.replaceAll("<.*", "").split("\\."));
        return types.prefix(parts)
                .filter(p -> p.parts() == parts.size())
                .map(TypeNames.Prefix::type)
                .orElse(null);
    }

    /** Whether a field access reads a static member of a type, or a part of a qualified name. */
    private boolean isTypeMember(FieldAccessExpr fa, Set<String> known) {
        Expression e = fa.getScope();
        while (e instanceof FieldAccessExpr inner) {
            e = inner.getScope();
        }
        if (!(e instanceof NameExpr n)
                || known.contains(n.getNameAsString())
                || n.getNameAsString().startsWith("$")) {
            return false;
        }
        List<String> parts = dotted(n);
        Optional<TypeNames.Prefix> prefix = types.prefix(parts);
        if (prefix.isEmpty()) {
            return false;
        }
        // Parts up to the type, and the first member after it (a static field), are not properties.
        int depth = 1;
        for (Expression s = fa.getScope(); s instanceof FieldAccessExpr inner; s = inner.getScope()) {
            depth++;
        }
        return depth <= prefix.get().parts();
    }

    private void creation(ObjectCreationExpr create, Place place) {
        if (create.getAnonymousClassBody().isPresent()) {
            refuse(
                    create,
                    place,
                    "new " + create.getType().getNameAsString() + "() { ... } (an anonymous class)",
                    "rules may not define classes");
            return;
        }
        TypeNames.Resolved t = resolve(typeName(create.getType()));
        if (t == null) {
            refuse(create, place, "new " + typeName(create.getType()), "not a type of the helper API");
        } else if (!t.declared() && !HelperApi.NEWABLE.contains(t.fqn())) {
            refuse(
                    create,
                    place,
                    "new " + t.fqn(),
                    "only declared types, collections and StringBuilder may be created");
        }
    }

    private void type(ClassOrInterfaceType type, Place place) {
        if (type.getParentNode().orElse(null) instanceof ObjectCreationExpr) {
            return;
        }
        if (type.getParentNode().orElse(null) instanceof ClassOrInterfaceType outer
                && outer.getScope().filter(s -> s == type).isPresent()) {
            return;
        }
        String name = typeName(type);
        if (name.equals("var")) {
            return;
        }
        TypeNames.Resolved t = resolve(name);
        if (t == null) {
            refuse(type, place, name, "not a type of the helper API");
        } else {
            allowedType(t, type, place);
        }
    }

    private static String typeName(ClassOrInterfaceType type) {
        return type.getScope().map(s -> typeName(s) + ".").orElse("") + type.getNameAsString();
    }

    private void allowedType(TypeNames.Resolved t, Node at, Place place) {
        if (!t.declared() && !api.isAllowedType(t.fqn())) {
            refuse(at, place, t.fqn(), "not a type of the helper API");
        }
    }

    private void reference(MethodReferenceExpr ref, Set<String> known, Place place) {
        String method = ref.getIdentifier();
        String reason = api.refusalOf(method);
        if (reason != null) {
            refuse(ref, place, text(ref), reason);
            return;
        }
        Optional<TypeNames.Resolved> t = typeOf(ref.getScope(), known);
        if (method.equals("new")) {
            if (t.isEmpty()
                    || !t.get().declared()
                            && !HelperApi.NEWABLE.contains(t.get().fqn())) {
                refuse(ref, place, text(ref), "only declared types, collections and StringBuilder may be created");
            }
            return;
        }
        boolean ok = t.isPresent()
                ? t.get().declared() || api.isAllowedStatic(t.get().fqn(), method) || api.isAllowedMethod(method)
                : api.isAllowedMethod(method);
        if (!ok) {
            refuse(ref, place, text(ref), "not a method of the helper API");
        }
    }

    private static String simpleName(String fqn) {
        return fqn.substring(fqn.lastIndexOf('.') + 1);
    }

    private void refuse(Node at, Place place, String construct, String reason) {
        int line = Math.max(1, at.getRange().map(r -> r.begin.line).orElse(1));
        refusals.add(place.firstLine() + line - 1, place.what() + ": " + construct + " is refused: " + reason);
    }
}
