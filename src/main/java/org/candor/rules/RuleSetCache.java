package org.candor.rules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Built rule sets kept between runs, so that a rule set whose files have not changed is not
 * compiled again: the engine's compiled packages (rules, their compiled consequences and
 * constraints) of a rule set, written once it has passed the {@link org.candor.rules.guard.RuleGuard
 * guard} and built, and read back instead of building it.
 *
 * <p>An entry is found by its key, the SHA-256 of the rule files' content hash, the Candor build
 * (version and build time), the Drools version and the Java version: an entry is never used for
 * other files, by another build of Candor or Drools, or on another Java. It is looked for first
 * among the entries bundled in the jar (the default pack, built when the jar is packaged), then
 * in the cache folder. An entry carries its key, its content hash and the SHA-256 of its payload;
 * an entry that does not match them, or does not read, is ignored with a warning and rebuilt.
 *
 * <p>Trust: an entry is compiled code, so the cache folder is trusted as the jar is. Candor makes
 * it readable and writable by its own user only, does not read entries from a folder others may
 * write to, and the service never writes to it on anyone's request: officers' edits reach only
 * the rules folder, and an entry is written only for content that passed the guard.
 */
final class RuleSetCache {
    private static final Logger log = LoggerFactory.getLogger(RuleSetCache.class);

    /** Where the entries built with the jar are, on the class path. */
    public static final String BUNDLED = "META-INF/candor/rule-sets/";

    private static final String MAGIC = "candor-rule-set/1";
    private static final String SUFFIX = ".ruleset";
    /** The most entries the folder keeps: those used last; each is some hundreds of kilobytes. */
    static final int MAX_ENTRIES = 32;
    /** The classes an entry may name: the engine's, the rules' fact types, and the JDK's. */
    private static final List<String> ALLOWED =
            List.of("java.", "org.drools.", "org.kie.", "org.mvel2.", "org.candor.");

    private final Path dir;
    private final String build;
    private final boolean bundled;

    private RuleSetCache(Path dir, String build, boolean bundled) {
        this.dir = dir;
        this.build = build;
        this.bundled = bundled;
    }

    /**
     * The cache as configured: the folder named by the system property {@code candor.rules-cache.dir}
     * or the environment variable {@code CANDOR_RULES_CACHE_DIR}, else {@code candor/rule-sets} in the
     * user's cache folder ({@code $XDG_CACHE_HOME}, or {@code ~/.cache}); none when
     * {@code candor.rules-cache.enabled} (or {@code CANDOR_RULES_CACHE_ENABLED}) is {@code false}.
     */
    public static RuleSetCache standard() {
        String enabled = setting("candor.rules-cache.enabled", "CANDOR_RULES_CACHE_ENABLED");
        if ("false".equalsIgnoreCase(enabled)) {
            return bundledOnly();
        }
        String configured = setting("candor.rules-cache.dir", "CANDOR_RULES_CACHE_DIR");
        return in(configured == null || configured.isBlank() ? defaultDir() : Path.of(configured));
    }

    /** A cache in this folder, besides the entries bundled in the jar. */
    public static RuleSetCache in(Path dir) {
        return new RuleSetCache(dir, buildIdentity(), true);
    }

    /** A cache in this folder only, without the entries bundled in the jar (for tests of the folder). */
    static RuleSetCache folderOnly(Path dir) {
        return new RuleSetCache(dir, buildIdentity(), false);
    }

    /** Only the entries bundled in the jar: nothing is written. */
    public static RuleSetCache bundledOnly() {
        return new RuleSetCache(null, buildIdentity(), true);
    }

    /** The user's cache folder for Candor's built rule sets. */
    static Path defaultDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base =
                xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home", "."), ".cache");
        return base.resolve("candor").resolve("rule-sets");
    }

    private static String setting(String property, String variable) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(variable);
    }

    /** The folder of the entries; null when only bundled entries are read. */
    public Path dir() {
        return dir;
    }

    /**
     * The key of a rule set's entry: its content hash with what else decides the compiled code.
     * Null when this is not a packaged build of Candor (run from an IDE without build
     * information), which is never cached.
     */
    public String key(String contentHash) {
        if (build == null) {
            return null;
        }
        return sha256((MAGIC + "\n" + build + "\n" + contentHash).getBytes(StandardCharsets.UTF_8));
    }

    /** Candor's version and build time, the Drools version, the Java version; null outside a build. */
    private static String buildIdentity() {
        Properties info = properties("META-INF/build-info.properties");
        Properties drools = properties("META-INF/maven/org.drools/drools-core/pom.properties");
        if (info.getProperty("build.version") == null || drools.getProperty("version") == null) {
            return null;
        }
        return "candor " + info.getProperty("build.version") + " " + info.getProperty("build.time") + "\ndrools "
                + drools.getProperty("version") + "\njava " + Runtime.version().feature();
    }

    private static Properties properties(String resource) {
        Properties p = new Properties();
        try (InputStream in = RuleSetCache.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            log.warn("cannot read {}: {}", resource, e.getMessage());
        }
        return p;
    }

    /**
     * The compiled packages of the rule set with this content hash, from a bundled entry or the
     * cache folder; null when there is none, or none that can be trusted and read.
     */
    public List<InternalKnowledgePackage> load(String contentHash, ClassLoader classLoader) {
        String key = key(contentHash);
        if (key == null) {
            return null;
        }
        byte[] entry = bundled ? bundled(key) : null;
        String origin = "bundled entry " + key;
        if (entry == null && dir != null) {
            Path file = dir.resolve(key + SUFFIX);
            if (!Files.isRegularFile(file) || !trustedFolder()) {
                return null;
            }
            origin = file.toString();
            try {
                entry = Files.readAllBytes(file);
                // Used now: the last entries to be pruned.
                Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            } catch (IOException e) {
                log.warn("rule set cache entry {} cannot be read ({}); building the rules", file, e.getMessage());
                return null;
            }
        }
        if (entry == null) {
            return null;
        }
        try {
            return decode(entry, key, contentHash, classLoader);
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            log.warn("rule set cache entry {} is not usable ({}); building the rules again", origin, e.toString());
            return null;
        }
    }

    private static byte[] bundled(String key) {
        try (InputStream in = RuleSetCache.class.getClassLoader().getResourceAsStream(BUNDLED + key + SUFFIX)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether entries of the folder may be read: on POSIX, no one but its owner may write to it. */
    private boolean trustedFolder() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return true;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
            if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                log.warn(
                        "rule set cache folder {} may be written by others ({}); its entries are not used",
                        dir,
                        PosixFilePermissions.toString(perms));
                return false;
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes the entry of a rule set that passed the guard and built: to a file of its own beside
     * the entry, then moved into place, so that a reader sees a whole entry or none, and two
     * writers of the same entry (which write the same content) do not mix their writes. Failing to
     * write is a warning, never an error: the rule set was built.
     */
    public void store(String contentHash, Collection<? extends InternalKnowledgePackage> packages) {
        String key = key(contentHash);
        if (key == null || dir == null) {
            return;
        }
        try {
            writeEntry(dir, key, encode(key, contentHash, packages));
            prune(dir, MAX_ENTRIES);
        } catch (IOException | RuntimeException e) {
            log.warn("rule set cache entry {} not written ({})", dir.resolve(key + SUFFIX), e.toString());
        }
    }

    /** Writes an entry into a folder, made readable and writable by its owner only when it is new. */
    static void writeEntry(Path dir, String key, byte[] entry) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        }
        Path target = dir.resolve(key + SUFFIX);
        Path partial = Files.createTempFile(dir, "." + key, ".partial");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                out.write(entry);
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Deletes the entries used longest ago beyond the most the folder keeps. */
    static void prune(Path dir, int keep) throws IOException {
        List<Path> entries;
        try (Stream<Path> files = Files.list(dir)) {
            entries = files.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                    .sorted(Comparator.comparing(RuleSetCache::lastUsed).reversed())
                    .toList();
        }
        for (Path old : entries.subList(Math.min(keep, entries.size()), entries.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static FileTime lastUsed(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** The file name of an entry. */
    static String fileName(String key) {
        return key + SUFFIX;
    }

    /** An entry: a header (magic, key, content hash, payload digest and length), then the packages. */
    static byte[] encode(String key, String contentHash, Collection<? extends InternalKnowledgePackage> packages)
            throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new DroolsObjectOutputStream(payload)) {
            out.writeObject(new ArrayList<>(packages));
        }
        byte[] bytes = payload.toByteArray();
        ByteArrayOutputStream entry = new ByteArrayOutputStream(bytes.length + 256);
        try (DataOutputStream out = new DataOutputStream(entry)) {
            out.writeUTF(MAGIC);
            out.writeUTF(key);
            out.writeUTF(contentHash);
            out.writeUTF(sha256(bytes));
            out.writeInt(bytes.length);
            out.write(bytes);
        }
        return entry.toByteArray();
    }

    @SuppressWarnings("unchecked")
    static List<InternalKnowledgePackage> decode(byte[] entry, String key, String contentHash, ClassLoader classLoader)
            throws IOException, ClassNotFoundException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry));
        String magic = in.readUTF();
        if (!MAGIC.equals(magic)) {
            throw new IOException("not a rule set entry");
        }
        if (!key.equals(in.readUTF()) || !contentHash.equals(in.readUTF())) {
            throw new IOException("the entry is of another rule set or build");
        }
        String digest = in.readUTF();
        int length = in.readInt();
        if (length < 0 || length != in.available()) {
            throw new IOException("the entry is truncated");
        }
        byte[] bytes = in.readNBytes(length);
        if (!digest.equals(sha256(bytes))) {
            throw new IOException("the entry's content does not match its digest");
        }
        try (ObjectInputStream objects = new DroolsObjectInputStream(new ByteArrayInputStream(bytes), classLoader)) {
            objects.setObjectInputFilter(RuleSetCache::filter);
            Object read = objects.readObject();
            if (!(read instanceof List<?> list)
                    || !list.stream().allMatch(InternalKnowledgePackage.class::isInstance)) {
                throw new IOException("the entry holds no packages");
            }
            return (List<InternalKnowledgePackage>) read;
        }
    }

    /** Only the engine's, the JDK's and Candor's classes are read from an entry. */
    private static ObjectInputFilter.Status filter(ObjectInputFilter.FilterInfo info) {
        Class<?> type = info.serialClass();
        if (type == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        while (type.isArray()) {
            type = type.getComponentType();
        }
        if (type.isPrimitive()) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        String name = type.getName();
        return ALLOWED.stream().anyMatch(name::startsWith)
                ? ObjectInputFilter.Status.ALLOWED
                : ObjectInputFilter.Status.REJECTED;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
