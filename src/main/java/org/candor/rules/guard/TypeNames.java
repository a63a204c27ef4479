package org.candor.rules.guard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the Java compiler will read a type name in one rule file: the file's declared types, its
 * single-type imports, its own package, then its on-demand imports and {@code java.lang}. Classes
 * are looked up without being initialised, so no code of theirs runs.
 */
final class TypeNames {

    /** A name that stands for a type: fully qualified, and whether the rule files declare it. */
    record Resolved(String fqn, boolean declared) {}

    private final String pkg;
    private final Map<String, String> imports = new HashMap<>();
    private final List<String> onDemand = new ArrayList<>();
    private final Map<String, String> declared;

    /** @param declared every type the rule files declare: simple name to fully qualified name. */
    TypeNames(String pkg, Map<String, String> declared) {
        this.pkg = pkg == null ? "" : pkg;
        this.declared = declared;
    }

    void addImport(String fqn) {
        imports.put(fqn.substring(fqn.lastIndexOf('.') + 1), fqn);
    }

    void addOnDemand(String pkgName) {
        onDemand.add(pkgName);
    }

    Set<String> declaredNames() {
        return new HashSet<>(declared.values());
    }

    /** A simple name as a type, or empty when it is none. */
    Optional<Resolved> simple(String name) {
        if (declared.containsKey(name) && pkg.equals(packageOf(declared.get(name)))) {
            return Optional.of(new Resolved(declared.get(name), true));
        }
        String imported = imports.get(name);
        if (imported != null) {
            return Optional.of(qualifiedOrDeclared(imported));
        }
        if (declared.containsKey(name)) {
            return Optional.of(new Resolved(declared.get(name), true));
        }
        if (!pkg.isEmpty() && HelperApi.load(pkg + "." + name).isPresent()) {
            return Optional.of(new Resolved(pkg + "." + name, false));
        }
        for (String p : onDemand) {
            if (HelperApi.load(p + "." + name).isPresent()) {
                return Optional.of(new Resolved(p + "." + name, false));
            }
        }
        if (HelperApi.load("java.lang." + name).isPresent()) {
            return Optional.of(new Resolved("java.lang." + name, false));
        }
        return Optional.empty();
    }

    /**
     * A dotted name as a type: the simple form first, then the fully qualified one. Returns the
     * type and how many of the parts name it (the rest are its members).
     */
    Optional<Prefix> prefix(List<String> parts) {
        Optional<Resolved> first = simple(parts.get(0));
        int used = 1;
        Resolved type = null;
        if (first.isPresent()) {
            type = first.get();
        } else {
            for (int i = 2; i <= parts.size(); i++) {
                String name = String.join(".", parts.subList(0, i));
                if (declared.containsValue(name)) {
                    type = new Resolved(name, true);
                    used = i;
                    break;
                }
                if (HelperApi.load(name).filter(c -> c.getName().equals(name)).isPresent()) {
                    type = new Resolved(name, false);
                    used = i;
                    break;
                }
            }
            if (type == null) {
                return Optional.empty();
            }
        }
        // Member types: java.util.Map.Entry names java.util.Map$Entry.
        while (used < parts.size() && !type.declared()) {
            String nested = type.fqn() + "." + parts.get(used);
            Optional<Class<?>> c = HelperApi.load(nested);
            if (c.isEmpty() || c.get().getEnclosingClass() == null) {
                break;
            }
            type = new Resolved(nested, false);
            used++;
        }
        return Optional.of(new Prefix(type, used));
    }

    /** A type that a dotted name starts with, and how many parts it takes. */
    record Prefix(Resolved type, int parts) {}

    private Resolved qualifiedOrDeclared(String fqn) {
        return new Resolved(fqn, declared.containsValue(fqn));
    }

    private static String packageOf(String fqn) {
        int dot = fqn.lastIndexOf('.');
        return dot < 0 ? "" : fqn.substring(0, dot);
    }
}
