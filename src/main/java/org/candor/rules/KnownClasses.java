package org.candor.rules;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parent class loader of every rule set: the application's, remembering the names it does not
 * have. Compiling a rule, and judging with a constraint the first time, the engine asks for many
 * names that are no class (each word of an expression, under each import); each such question
 * would search every jar of the class path, several times over. The application's classes do not
 * change while it runs, so an answer of "no such class" holds for good. The classes a rule set
 * declares or generates are in its own loader, never asked of this one.
 */
final class KnownClasses extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    /** Names remembered at most; past it a name is looked up each time, as without this loader. */
    static final int LIMIT = 100_000;

    private static final KnownClasses APPLICATION = new KnownClasses(KnownClasses.class.getClassLoader(), LIMIT);

    private final Set<String> missing = ConcurrentHashMap.newKeySet();
    private final int limit;

    KnownClasses(ClassLoader parent, int limit) {
        super("candor-rules-parent", parent);
        this.limit = limit;
    }

    /** The application's class loader, with its misses remembered, shared by every rule set. */
    static ClassLoader application() {
        return APPLICATION;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (missing.contains(name)) {
            throw new Missing(name);
        }
        try {
            return super.loadClass(name, resolve);
        } catch (ClassNotFoundException e) {
            if (missing.size() < limit) {
                missing.add(name);
            }
            throw e;
        }
    }

    /** Whether this name is remembered as no class. */
    boolean remembers(String name) {
        return missing.contains(name);
    }

    /** How many names are remembered as no class. */
    int remembered() {
        return missing.size();
    }

    /** A class that is known not to be there: no stack trace, asked again and again. */
    private static final class Missing extends ClassNotFoundException {
        private static final long serialVersionUID = 1L;

        Missing(String name) {
            super(name);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
