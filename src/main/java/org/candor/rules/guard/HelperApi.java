package org.candor.rules.guard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;
import org.springframework.core.type.classreading.MetadataReader;

/**
 * What rule code may name and call: the allow-list the {@link RuleGuard} holds every DRL file
 * against. README "Editing rules" describes the same list for officers.
 *
 * <ul>
 *   <li>Types: every public class of {@code org.candor.evaluation.facts} (the facts and their
 *       helpers such as {@code Limits.fmt} and {@code DisclosureScan.quote}), the records and enums
 *       of {@code org.candor.campaign} and of the policy ({@code Meaning}, {@code Fold}, ...),
 *       {@code Severity}, {@code Category}, the
 *       finding collector (as the type of a global only) and a short list of value types of the JDK
 *       (text, numbers, collections, dates).
 *   <li>Static calls: all public static methods of the project types; for the JDK types, the
 *       side-effect-free methods listed in {@link #JDK_STATICS}.
 *   <li>{@code new}: the JDK builders and collections of {@link #NEWABLE} and the types the rule
 *       files declare themselves.
 *   <li>Calls on values: the public methods of the project types and the read-only methods of
 *       text, numbers, collections, streams and dates in {@link #JDK_METHODS}; never a name of
 *       {@link #REFUSED_METHODS}, whatever the value.
 * </ul>
 *
 * <p>Names that are not on the list are refused even when they would be harmless: the list is
 * what has been read and judged safe.
 */
final class HelperApi {

    /** The type of the one global a rule file may declare. */
    public static final String FINDING_COLLECTOR = "org.candor.evaluation.FindingCollector";
    /** The methods of the finding collector a rule may call. */
    public static final Set<String> COLLECTOR_METHODS = Set.of("report");

    private static final String FACTS_PACKAGE = "org.candor.evaluation.facts";
    private static final String CAMPAIGN_PACKAGE = "org.candor.campaign";
    private static final String POLICY_PACKAGE = "org.candor.rules.policy";
    private static final List<String> PROJECT_VALUE_TYPES =
            List.of("org.candor.rules.Severity", "org.candor.rules.Category");

    /** JDK types a rule may name, with the static methods it may call on each (empty: none). */
    static final Map<String, Set<String>> JDK_STATICS = jdkStatics();

    /** Types a rule may create with {@code new}, besides the types the rule files declare. */
    static final Set<String> NEWABLE = Set.of(
            "java.lang.StringBuilder",
            "java.util.ArrayList",
            "java.util.HashMap",
            "java.util.LinkedHashMap",
            "java.util.TreeMap",
            "java.util.HashSet",
            "java.util.LinkedHashSet",
            "java.util.TreeSet",
            "java.math.BigDecimal");

    /** Methods a rule may call on any value of the JDK types above. */
    static final Set<String> JDK_METHODS = Set.of(
            // Object, enums, numbers, comparisons
            "equals",
            "hashCode",
            "toString",
            "name",
            "ordinal",
            "compareTo",
            "intValue",
            "longValue",
            "doubleValue",
            "floatValue",
            "shortValue",
            "byteValue",
            "booleanValue",
            "charValue",
            "isNaN",
            "isInfinite",
            "signum",
            "abs",
            "negate",
            "subtract",
            "multiply",
            "divide",
            "setScale",
            "scale",
            "precision",
            "stripTrailingZeros",
            "toPlainString",
            // text
            "length",
            "isEmpty",
            "isBlank",
            "charAt",
            "codePointAt",
            "substring",
            "indexOf",
            "lastIndexOf",
            "contains",
            "startsWith",
            "endsWith",
            "equalsIgnoreCase",
            "compareToIgnoreCase",
            "toLowerCase",
            "toUpperCase",
            "trim",
            "strip",
            "stripLeading",
            "stripTrailing",
            "replace",
            "lines",
            "chars",
            "codePoints",
            "concat",
            "formatted",
            "regionMatches",
            "append",
            "reverse",
            // collections and maps (reading)
            "size",
            "get",
            "getOrDefault",
            "containsKey",
            "containsValue",
            "containsAll",
            "keySet",
            "values",
            "entrySet",
            "getKey",
            "getValue",
            "subList",
            "stream",
            "iterator",
            "hasNext",
            "next",
            "forEach",
            "first",
            "last",
            "firstKey",
            "lastKey",
            "getFirst",
            "getLast",
            // streams and optionals
            "map",
            "filter",
            "mapToInt",
            "mapToLong",
            "mapToDouble",
            "mapToObj",
            "flatMap",
            "distinct",
            "sorted",
            "limit",
            "skip",
            "peek",
            "anyMatch",
            "allMatch",
            "noneMatch",
            "findFirst",
            "findAny",
            "count",
            "sum",
            "average",
            "min",
            "max",
            "reduce",
            "collect",
            "toList",
            "boxed",
            "orElse",
            "orElseGet",
            "isPresent",
            "ifPresent",
            "getAsInt",
            "getAsLong",
            "getAsDouble",
            "or",
            "reversed",
            "thenComparing",
            // dates
            "isBefore",
            "isAfter",
            "isEqual",
            "plusDays",
            "minusDays",
            "plusMonths",
            "minusMonths",
            "plusYears",
            "minusYears",
            "getYear",
            "getMonthValue",
            "getDayOfMonth",
            "getDayOfWeek",
            "toLocalDate",
            "toEpochDay",
            "getSeconds",
            "toSeconds",
            "toMinutes",
            "toHours",
            "toDays",
            "toMillis",
            "until");

    /**
     * Method names refused on any value, with the reason a validation error gives. These reach
     * the engine, reflection, class loading, processes, threads or the JVM, or change facts.
     */
    static final Map<String, String> REFUSED_METHODS = refusedMethods();

    /** Drools' built-in accumulate functions; custom ones ({@code import accumulate}) are refused. */
    static final Set<String> ACCUMULATE_FUNCTIONS =
            Set.of("count", "sum", "average", "min", "max", "collectList", "collectSet", "countDistinct");

    /** Names rule files use again and again; a failed look-up costs an exception each time. */
    private static final com.github.benmanes.caffeine.cache.Cache<String, Optional<Class<?>>> LOADED =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .maximumSize(20_000)
                    .build();

    private static final HelperApi INSTANCE = new HelperApi(false);
    private static final HelperApi TABLES = new HelperApi(true);

    private final Set<String> projectTypes;
    private final Set<String> instanceMethods;
    private final boolean tables;

    private HelperApi(boolean tables) {
        this.tables = tables;
        Set<String> types = new TreeSet<>();
        types.addAll(classesOf(FACTS_PACKAGE, false));
        types.addAll(classesOf(CAMPAIGN_PACKAGE, true));
        types.addAll(classesOf(POLICY_PACKAGE, !tables));
        types.addAll(PROJECT_VALUE_TYPES);
        this.projectTypes = Set.copyOf(types);
        Set<String> methods = new HashSet<>(JDK_METHODS);
        for (String type : types) {
            load(type).ifPresent(c -> {
                for (Method m : c.getMethods()) {
                    if (!Modifier.isStatic(m.getModifiers())
                            && m.getDeclaringClass() != Object.class
                            && m.getDeclaringClass() != Enum.class
                            && m.getDeclaringClass() != Record.class) {
                        methods.add(m.getName());
                    }
                }
            });
        }
        methods.removeAll(REFUSED_METHODS.keySet());
        this.instanceMethods = Set.copyOf(methods);
    }

    /** The allow-list, read once from the classes of the fact and campaign packages. */
    public static HelperApi get() {
        return INSTANCE;
    }

    /**
     * The list for the code a policy decision table ({@code *.drl.csv}, {@code *.drl.xlsx})
     * generates: the same, plus the policy builder and its rows, which the table's code rows
     * call with each data cell.
     */
    public static HelperApi forTables() {
        return TABLES;
    }

    /** Whether a global may have this type: the findings collector (and the policy builder in tables). */
    public boolean isAllowedGlobal(String fqn) {
        return FINDING_COLLECTOR.equals(fqn)
                || tables && fqn.startsWith(POLICY_PACKAGE + ".") && projectTypes.contains(fqn);
    }

    /** Whether this is the list for decision tables' generated code. */
    boolean tables() {
        return tables;
    }

    /** Whether code may name the type (fully qualified, nested types with dots). */
    public boolean isAllowedType(String fqn) {
        return projectTypes.contains(fqn) || JDK_STATICS.containsKey(fqn) || FINDING_COLLECTOR.equals(fqn);
    }

    /** Whether code may call the static method {@code name} of the (allowed) type. */
    public boolean isAllowedStatic(String fqn, String name) {
        if (REFUSED_METHODS.containsKey(name)) {
            return false;
        }
        if (projectTypes.contains(fqn)) {
            return load(fqn).map(c -> hasPublicStatic(c, name)).orElse(false);
        }
        return JDK_STATICS.getOrDefault(fqn, Set.of()).contains(name);
    }

    /** Whether code may call a method of this name on a value. */
    public boolean isAllowedMethod(String name) {
        return instanceMethods.contains(name);
    }

    /** Why a method name is refused on every value, or null when it is not one of those. */
    public String refusalOf(String name) {
        return REFUSED_METHODS.get(name);
    }

    /** The project types on the list: the facts and the campaign's records and enums. */
    public Set<String> projectTypes() {
        return projectTypes;
    }

    private static boolean hasPublicStatic(Class<?> c, String name) {
        for (Method m : c.getMethods()) {
            if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers())) {
                return true;
            }
        }
        return false;
    }

    /** Loads a class without initialising it: nothing of it runs. Answers are remembered. */
    static Optional<Class<?>> load(String fqn) {
        return LOADED.get(fqn, HelperApi::lookUp);
    }

    private static Optional<Class<?>> lookUp(String fqn) {
        ClassLoader loader = HelperApi.class.getClassLoader();
        String name = fqn;
        while (true) {
            try {
                return Optional.of(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                int dot = name.lastIndexOf('.');
                if (dot < 0) {
                    return Optional.empty();
                }
                // A nested type: java.util.Map.Entry is java.util.Map$Entry.
                name = name.substring(0, dot) + '$' + name.substring(dot + 1);
                if (name.indexOf('.') < 0) {
                    return Optional.empty();
                }
            }
        }
    }

    /** The public top-level types of a package (only records and enums when asked). */
    private static Set<String> classesOf(String pkg, boolean valuesOnly) {
        PathMatchingResourcePatternResolver resolver =
                new PathMatchingResourcePatternResolver(HelperApi.class.getClassLoader());
        CachingMetadataReaderFactory readers = new CachingMetadataReaderFactory(resolver);
        Set<String> names = new TreeSet<>();
        try {
            for (Resource r : resolver.getResources("classpath*:" + pkg.replace('.', '/') + "/*.class")) {
                MetadataReader reader = readers.getMetadataReader(r);
                String name = reader.getClassMetadata().getClassName();
                if (name.contains("$") || !reader.getClassMetadata().isIndependent()) {
                    continue;
                }
                Optional<Class<?>> c = load(name);
                if (c.isEmpty() || !Modifier.isPublic(c.get().getModifiers())) {
                    continue;
                }
                if (valuesOnly && !c.get().isRecord() && !c.get().isEnum()) {
                    continue;
                }
                names.add(name);
                for (Class<?> nested : c.get().getClasses()) {
                    if (!valuesOnly || nested.isRecord() || nested.isEnum()) {
                        names.add(nested.getCanonicalName());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the classes of " + pkg, e);
        }
        return names;
    }

    private static Map<String, Set<String>> jdkStatics() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        Set<String> numbers = Set.of(
                "valueOf",
                "parseInt",
                "parseLong",
                "parseDouble",
                "parseFloat",
                "parseShort",
                "parseByte",
                "compare",
                "toString",
                "max",
                "min",
                "sum",
                "signum",
                "isNaN",
                "isFinite",
                "isInfinite");
        m.put("java.lang.String", Set.of("format", "join", "valueOf"));
        m.put("java.lang.Math", mathMethods());
        for (String n : List.of("Integer", "Long", "Double", "Float", "Short", "Byte")) {
            m.put("java.lang." + n, numbers);
        }
        m.put("java.lang.Number", Set.of());
        m.put("java.lang.Boolean", Set.of("valueOf", "parseBoolean", "toString", "compare"));
        m.put(
                "java.lang.Character",
                Set.of(
                        "isDigit",
                        "isLetter",
                        "isLetterOrDigit",
                        "isWhitespace",
                        "isUpperCase",
                        "isLowerCase",
                        "toLowerCase",
                        "toUpperCase",
                        "valueOf",
                        "toString",
                        "isAlphabetic"));
        m.put("java.lang.CharSequence", Set.of());
        m.put("java.lang.Comparable", Set.of());
        m.put("java.lang.Object", Set.of());
        m.put("java.lang.StringBuilder", Set.of());
        m.put(
                "java.util.Objects",
                Set.of("equals", "hash", "hashCode", "toString", "isNull", "nonNull", "requireNonNullElse", "compare"));
        m.put("java.util.List", Set.of("of", "copyOf"));
        m.put("java.util.Set", Set.of("of", "copyOf"));
        m.put("java.util.Map", Set.of("of", "copyOf", "entry"));
        m.put("java.util.Map.Entry", Set.of("comparingByKey", "comparingByValue"));
        m.put("java.util.Collection", Set.of());
        m.put("java.util.Optional", Set.of("of", "ofNullable", "empty"));
        m.put("java.util.Locale", Set.of());
        m.put(
                "java.util.Comparator",
                Set.of(
                        "comparing",
                        "comparingInt",
                        "comparingLong",
                        "comparingDouble",
                        "naturalOrder",
                        "reverseOrder",
                        "nullsFirst",
                        "nullsLast"));
        for (String c :
                List.of("ArrayList", "HashMap", "LinkedHashMap", "TreeMap", "HashSet", "LinkedHashSet", "TreeSet")) {
            m.put("java.util." + c, Set.of());
        }
        m.put(
                "java.util.stream.Collectors",
                Set.of(
                        "joining",
                        "toList",
                        "toSet",
                        "toUnmodifiableList",
                        "toUnmodifiableSet",
                        "counting",
                        "groupingBy",
                        "partitioningBy",
                        "mapping",
                        "filtering",
                        "summingInt",
                        "summingLong",
                        "summingDouble",
                        "averagingInt",
                        "averagingLong",
                        "averagingDouble",
                        "minBy",
                        "maxBy",
                        "toMap"));
        m.put("java.util.stream.Stream", Set.of("of", "concat", "empty"));
        m.put("java.math.BigDecimal", Set.of("valueOf"));
        m.put("java.math.RoundingMode", Set.of("valueOf", "values"));
        m.put("java.time.LocalDate", Set.of("of", "parse"));
        m.put("java.time.LocalDateTime", Set.of("of", "parse"));
        m.put("java.time.Instant", Set.of("parse", "ofEpochSecond", "ofEpochMilli"));
        m.put("java.time.Duration", Set.of("of", "ofDays", "ofHours", "ofMinutes", "ofSeconds", "between"));
        m.put("java.time.Period", Set.of("of", "ofDays", "ofMonths", "ofYears", "between"));
        m.put("java.time.temporal.ChronoUnit", Set.of("valueOf", "values"));
        return Map.copyOf(m);
    }

    private static Set<String> mathMethods() {
        Set<String> names = new HashSet<>();
        for (Method method : Math.class.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                names.add(method.getName());
            }
        }
        return Set.copyOf(names);
    }

    private static Map<String, String> refusedMethods() {
        Map<String, String> m = new HashMap<>();
        String facts = "rules report findings, they do not change facts or the session";
        for (String n : List.of(
                "update",
                "insert",
                "insertLogical",
                "modify",
                "retract",
                "delete",
                "halt",
                "setFocus",
                "setGlobal",
                "getGlobal",
                "getGlobals",
                "getKieRuntime",
                "getKnowledgeRuntime",
                "getKieBase",
                "getKieSession",
                "getWorkingMemory",
                "getEntryPoint",
                "getEntryPoints",
                "getFactHandle",
                "getAgenda",
                "getChannels",
                "getRule",
                "getMatch",
                "clear",
                "put",
                "putAll",
                "remove",
                "removeAll",
                "removeIf",
                "retainAll",
                "replaceAll",
                "set",
                "sort",
                "addAll",
                "compute",
                "computeIfAbsent",
                "computeIfPresent",
                "merge",
                "setValue")) {
            m.put(n, facts);
        }
        String reflection = "reflection and class loading are refused";
        for (String n : List.of(
                "getClass",
                "getDeclaringClass",
                "forName",
                "getClassLoader",
                "getContextClassLoader",
                "setContextClassLoader",
                "newInstance",
                "invoke",
                "invokeExact",
                "invokeWithArguments",
                "getMethod",
                "getMethods",
                "getDeclaredMethod",
                "getDeclaredMethods",
                "getField",
                "getFields",
                "getDeclaredField",
                "getDeclaredFields",
                "getConstructor",
                "getConstructors",
                "getDeclaredConstructor",
                "getDeclaredConstructors",
                "setAccessible",
                "trySetAccessible",
                "loadClass",
                "defineClass",
                "lookup",
                "findVirtual",
                "findStatic",
                "findConstructor",
                "unreflect",
                "getResource",
                "getResourceAsStream",
                "getSystemClassLoader")) {
            m.put(n, reflection);
        }
        String process = "processes, threads, files and the JVM are out of a rule's reach";
        for (String n : List.of(
                "exec",
                "exit",
                "halt",
                "start",
                "run",
                "runFinalization",
                "load",
                "loadLibrary",
                "getRuntime",
                "sleep",
                "interrupt",
                "wait",
                "notify",
                "notifyAll",
                "getenv",
                "getProperty",
                "setProperty",
                "getProperties",
                "setSecurityManager",
                "gc",
                "inheritIO",
                "command",
                "submit",
                "execute",
                "schedule",
                "newThread",
                "ofPlatform",
                "ofVirtual",
                "startVirtualThread",
                "connect",
                "openConnection",
                "openStream",
                "write",
                "writeString",
                "delete",
                "createNewFile",
                "createFile",
                "readAllBytes",
                "readString")) {
            m.putIfAbsent(n, process);
        }
        String regex =
                "regular expressions can take exponential time on a caption; phrases belong in the" + " policy tables";
        for (String n : List.of("matches", "replaceFirst", "split", "splitAsStream", "compile", "matcher")) {
            m.put(n, regex);
        }
        m.put("replaceAll", regex);
        return Map.copyOf(m);
    }
}
