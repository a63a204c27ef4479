package org.candor.rules.guard;

import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.mvel.parser.MvelParser;
import org.drools.mvel.parser.ParseStart;
import org.drools.mvel.parser.StringProvider;

/**
 * Refuses a rule whose conditions join facts without narrowing them. The engine builds all the
 * combinations a join makes before the first of them reaches a firing limit or a deadline: two
 * patterns over posts with no constraint between them make n × n combinations, three make n × n × n,
 * and nothing stops them while they are being made.
 *
 * <p>Within each alternative of a rule's conditions (the top level, and each branch of an
 * {@code or}), the patterns counted are the positive ones over facts of working memory (not
 * {@code from}, {@code accumulate} or {@code collect}, not inside {@code not}, {@code exists} or
 * {@code forall}, which do not multiply) whose type a campaign can have many of. Such a pattern is
 * <em>joined</em> when one of its constraints (at the top level, or under {@code &&}) is an equality
 * ({@code ==}) between the fact and a binding declared by an earlier counted pattern. Patterns that
 * are not joined are <em>free</em>; the first one is the rule's starting set, every further one
 * multiplies it, so two free patterns are refused. {@code !=}, {@code <}, {@code >} and the like do
 * not join: they remove a few combinations at most ({@code this != $a} still leaves n × (n - 1)).
 */
final class JoinCheck {

    /**
     * The fact types of which a campaign has one (the campaign and its limits): patterns over them do
     * not multiply. Every other fact type can have many.
     */
    static final Set<String> ONE_PER_CAMPAIGN =
            Set.of("org.candor.evaluation.facts.CampaignFact", "org.candor.evaluation.facts.Limits");

    /**
     * The most alternatives (nested {@code or}s) a rule's conditions may spell out; a rule with more
     * is refused rather than judged by some of them only.
     */
    static final int MAX_ALTERNATIVES = 256;

    /** The conditions spell out more than {@link #MAX_ALTERNATIVES} alternatives. */
    private static final class TooManyAlternatives extends RuntimeException {
        TooManyAlternatives() {
            super(null, null, false, false);
        }
    }

    private final TypeNames types;
    private final Set<String> queries;

    JoinCheck(TypeNames types, Set<String> queries) {
        this.types = types;
        this.queries = queries;
    }

    /** The refusal for a rule's conditions, or empty when every alternative is narrowed. */
    Optional<String> check(BaseDescr lhs) {
        List<List<PatternDescr>> alternatives;
        try {
            alternatives = alternatives(lhs);
        } catch (TooManyAlternatives e) {
            return Optional.of("the conditions are refused: their nested or's make more than " + MAX_ALTERNATIVES
                    + " alternatives, too many to check that each is joined; split the rule");
        }
        for (List<PatternDescr> alternative : alternatives) {
            List<PatternDescr> free = free(alternative);
            if (free.size() >= 2) {
                return Optional.of(message(free));
            }
        }
        return Optional.empty();
    }

    /** The counted patterns of each alternative, in order. */
    private List<List<PatternDescr>> alternatives(BaseDescr d) {
        if (d instanceof AndDescr and) {
            List<List<PatternDescr>> result = new ArrayList<>();
            result.add(new ArrayList<>());
            for (BaseDescr child : and.getDescrs()) {
                List<List<PatternDescr>> next = new ArrayList<>();
                for (List<PatternDescr> head : result) {
                    for (List<PatternDescr> tail : alternatives(child)) {
                        List<PatternDescr> joined = new ArrayList<>(head);
                        joined.addAll(tail);
                        add(next, joined);
                    }
                }
                result = next;
            }
            return result;
        } else if (d instanceof OrDescr or) {
            List<List<PatternDescr>> result = new ArrayList<>();
            for (BaseDescr child : or.getDescrs()) {
                for (List<PatternDescr> branch : alternatives(child)) {
                    add(result, branch);
                }
            }
            return result.isEmpty() ? List.of(List.of()) : result;
        } else if (d instanceof PatternDescr p && counted(p)) {
            return List.of(List.of(p));
        }
        // not, exists, forall, eval, patterns over other sources: they add no combinations.
        return List.of(List.of());
    }

    private static void add(List<List<PatternDescr>> alternatives, List<PatternDescr> alternative) {
        if (alternatives.size() >= MAX_ALTERNATIVES) {
            throw new TooManyAlternatives();
        }
        alternatives.add(alternative);
    }

    /** A positive pattern over facts of working memory of a type a campaign can have many of. */
    private boolean counted(PatternDescr p) {
        if (p.getSource() != null && !(p.getSource() instanceof EntryPointDescr)) {
            return false;
        }
        String type = p.getObjectType();
        if (type == null || queries.contains(type)) {
            return false;
        }
        List<String> parts = List.of(type.split("\\."));
        return types.prefix(parts)
                .filter(prefix -> prefix.parts() == parts.size())
                .map(prefix -> !ONE_PER_CAMPAIGN.contains(prefix.type().fqn()))
                .orElse(true);
    }

    private static List<PatternDescr> free(List<PatternDescr> patterns) {
        List<PatternDescr> free = new ArrayList<>();
        Set<String> earlier = new HashSet<>();
        for (PatternDescr p : patterns) {
            if (!joined(p, earlier)) {
                free.add(p);
            }
            earlier.addAll(bindings(p));
        }
        return free;
    }

    /** The names a pattern binds: the fact, and its fields. */
    private static Set<String> bindings(PatternDescr p) {
        Set<String> names = new HashSet<>();
        if (p.getIdentifier() != null) {
            names.add(p.getIdentifier());
        }
        for (BaseDescr c : p.getDescrs()) {
            if (c instanceof BindingDescr b) {
                names.add(b.getVariable());
            } else if (c instanceof ExprConstraintDescr e) {
                int colon = bindingEnd(e.getExpression());
                if (colon > 0) {
                    names.add(e.getExpression().substring(0, colon).strip());
                }
            }
        }
        return names;
    }

    private static boolean joined(PatternDescr p, Set<String> earlier) {
        if (earlier.isEmpty()) {
            return false;
        }
        for (BaseDescr c : p.getDescrs()) {
            String text = c instanceof BindingDescr b
                    ? b.getExpression()
                    : c instanceof ExprConstraintDescr e ? e.getExpression() : null;
            if (text == null) {
                continue;
            }
            int colon = bindingEnd(text);
            if (colon > 0) {
                text = text.substring(colon + (text.startsWith(":=", colon) ? 2 : 1));
            }
            Optional<Expression> parsed = parse(text);
            if (parsed.isPresent() && equalityWith(parsed.get(), earlier)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a constraint is, or requires under {@code &&}, an equality of the fact with an earlier binding. */
    private static boolean equalityWith(Expression e, Set<String> earlier) {
        if (e instanceof EnclosedExpr enclosed) {
            return equalityWith(enclosed.getInner(), earlier);
        }
        if (!(e instanceof BinaryExpr b)) {
            return false;
        }
        if (b.getOperator() == BinaryExpr.Operator.AND) {
            return equalityWith(b.getLeft(), earlier) || equalityWith(b.getRight(), earlier);
        }
        if (b.getOperator() != BinaryExpr.Operator.EQUALS) {
            return false;
        }
        boolean left = uses(b.getLeft(), earlier);
        boolean right = uses(b.getRight(), earlier);
        // One side reads an earlier binding, the other reads this fact.
        return left != right && readsFact(left ? b.getRight() : b.getLeft(), earlier);
    }

    private static boolean uses(Node n, Set<String> earlier) {
        return n.findAll(NameExpr.class).stream().anyMatch(name -> earlier.contains(name.getNameAsString()));
    }

    /** A side that reads the fact itself: {@code this} or one of its fields, not a constant. */
    private static boolean readsFact(Expression e, Set<String> earlier) {
        return !e.findAll(ThisExpr.class).isEmpty()
                || e.findAll(NameExpr.class).stream()
                        .anyMatch(name -> !earlier.contains(name.getNameAsString())
                                && !Character.isUpperCase(name.getNameAsString().charAt(0)));
    }

    private static Optional<Expression> parse(String text) {
        try {
            var r = new MvelParser(new ParserConfiguration(), false)
                    .parse(ParseStart.EXPRESSION, new StringProvider(text));
            return r.isSuccessful() ? r.getResult().map(Expression.class::cast) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String message(List<PatternDescr> free) {
        String names = free.stream().map(JoinCheck::describe).collect(Collectors.joining(", "));
        String product = free.stream().map(p -> "n").collect(Collectors.joining(" × "));
        PatternDescr first = free.get(0);
        PatternDescr second = free.get(1);
        String a = first.getIdentifier() != null ? first.getIdentifier() : "$a";
        String b = second.getIdentifier() != null ? second.getIdentifier() : second.getObjectType();
        return "the patterns " + names + " are refused: they are not joined, so together they make every"
                + " combination of their facts (" + product + ") before any limit can stop them; narrow " + b
                + " with an equality on an earlier binding, e.g. influencer == " + a
                + (first.getObjectType().endsWith("InfluencerFact") ? "" : ".influencer")
                + " (!=, < or > do not narrow)";
    }

    private static String describe(PatternDescr p) {
        String id = p.getIdentifier() != null ? p.getIdentifier() + " : " : "";
        return id + p.getObjectType() + " (line " + p.getLine() + ")";
    }

    /** Where a leading binding ({@code $x :} or {@code $x :=}) ends, or -1 when there is none. */
    static int bindingEnd(String text) {
        if (text == null) {
            return -1;
        }
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        int start = i;
        while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i))) {
            i++;
        }
        if (i == start || !Character.isJavaIdentifierStart(text.charAt(start))) {
            return -1;
        }
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean colon = i < text.length() && text.charAt(i) == ':' && !text.startsWith("::", i);
        return colon ? i : -1;
    }
}
