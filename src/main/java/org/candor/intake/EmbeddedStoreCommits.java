package org.candor.intake;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * Commits to the embedded database's file in groups, each acknowledged only once it is in the file.
 *
 * <p>Written through by H2 itself ({@code WRITE_DELAY=0}), every commit writes a chunk of its own:
 * the pages it changed, with the path from each to its tree's root and the file's layout. Under
 * load most of that is written again by the next commit a moment later, and the commits wait for
 * one another on the store's lock (BENCHMARKS.md, "2026-12-05, morning"). With a write delay
 * ({@code WRITE_DELAY} above 0, as {@code application.properties} sets it) H2 keeps a commit in
 * memory until its background thread writes it, which a killed process would lose; so the
 * connections of the service's pool are wrapped here, and a commit that changed something returns
 * only once a write of the store that began after it has ended. The commits that arrive while one
 * write runs are all written by the next: a group commit, as databases with a write-ahead log
 * flush it.
 *
 * <p>"Changed something": a statement other than a query was executed on the connection (in a
 * transaction, then committed; or in auto-commit mode, when it returns). A write that fails (a full
 * disk, a closed store) fails that commit or statement with H2's error for the file ({@code 90028}),
 * so the request is answered as the database being unavailable, never acknowledged into nothing.
 *
 * <p>Only a pool on an H2 file is wrapped, and a connection takes part only while its store is a
 * writable file with a write delay: with {@code WRITE_DELAY=0}, in memory and on PostgreSQL the
 * connections commit as the database does.
 */
@Component
class EmbeddedStoreCommits implements BeanPostProcessor {

    /** H2's error code for a file that could not be written (IO_EXCEPTION_1). */
    static final int IO_EXCEPTION = 90028;

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool
                && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:h2:file:")) {
            return new GroupCommitted(pool);
        }
        return bean;
    }

    /**
     * A data source whose connections' commits are written in groups ({@link EmbeddedStoreCommits}),
     * and which never hands out a connection to a database that has closed.
     */
    static final class GroupCommitted extends DelegatingDataSource {
        private final AtomicReference<Writes> writes = new AtomicReference<>();
        private final HikariDataSource pool;

        GroupCommitted(HikariDataSource pool) {
            super(pool);
            this.pool = pool;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return wrap(open(DataSource::getConnection));
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return wrap(open(pool -> pool.getConnection(username, password)));
        }

        /**
         * A connection from the pool whose database is open. When the database has closed under
         * the service ({@code SHUTDOWN}, or H2 closing it after a failed write of its store), every
         * connection the pool holds is dead, and the pool would find that out one request at a
         * time, each answered 503 (or, used within half a second of its last use, handed out
         * unchecked). The first connection found dead therefore retires them all: the pool opens
         * new ones, and a new connection opens the database again.
         */
        private Connection open(Opener opener) throws SQLException {
            Connection connection = opener.open(pool);
            if (!closedUnderneath(connection)) {
                return connection;
            }
            var mxBean = pool.getHikariPoolMXBean();
            if (mxBean != null) {
                mxBean.softEvictConnections(); // idle ones close now, borrowed ones when given back
            }
            connection.close();
            return opener.open(pool); // a dead one again is answered by the request's first statement
        }

        private static boolean closedUnderneath(Connection connection) throws SQLException {
            return connection.isWrapperFor(JdbcConnection.class)
                    && connection.unwrap(JdbcConnection.class).isClosed();
        }

        @FunctionalInterface
        private interface Opener {
            Connection open(DataSource pool) throws SQLException;
        }

        /** The writes of the store behind a connection, or null when it commits as H2 does. */
        Writes writesOf(Connection target) throws SQLException {
            MVStore store = delayed(target);
            if (store == null) {
                return null;
            }
            Writes known = writes.get();
            if (known != null && known.store == store) {
                return known;
            }
            Writes fresh = new Writes(store);
            return writes.compareAndSet(known, fresh) ? fresh : writesOf(target);
        }

        /** The connection as it is when H2 writes its commits itself, else one that waits for them. */
        private Connection wrap(Connection target) throws SQLException {
            Writes writes;
            boolean autoCommit;
            try {
                writes = writesOf(target);
                autoCommit = writes != null && target.getAutoCommit();
            } catch (SQLException | RuntimeException e) {
                target.close();
                throw e;
            }
            if (writes == null) {
                return target;
            }
            Commits commits = new Commits(writes, target, autoCommit);
            commits.self = (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, commits);
            return commits.self;
        }
    }

    /** The H2 file store behind a connection when H2 holds its commits back, else null. */
    static MVStore delayed(Connection connection) throws SQLException {
        return H2Files.database(connection)
                .flatMap(H2Files::writableFile)
                .filter(mv -> mv.getAutoCommitDelay() != 0)
                .orElse(null);
    }

    /**
     * The writes of one store: a commit waits until a write that began after it has ended, and
     * starts one itself when none has.
     */
    static final class Writes {
        final MVStore store;
        private final ReentrantLock lock = new ReentrantLock();
        /** Writes begun so far, numbered from 1. */
        private final AtomicLong begun = new AtomicLong();
        /** The number of the last write ended. */
        private volatile long ended;

        Writes(MVStore store) {
            this.store = store;
        }

        /** Writes begun so far: one for each commit that waited alone, fewer when commits came together. */
        long count() {
            return begun.get();
        }

        /**
         * Returns once everything committed in memory before the call is in the file.
         *
         * @throws SQLException when the store could not write it
         */
        void await() throws SQLException {
            long seen = begun.get(); // a write numbered above this begins after the caller's commit
            if (store.isClosed()) {
                closed(null);
                return;
            }
            lock.lock();
            try {
                if (ended > seen) {
                    return; // written by a group that began while this commit waited
                }
                long mine = begun.incrementAndGet();
                store.commit(); // writes what is held back, or nothing when H2's thread took it
                store.executeFilestoreOperation(() -> {}); // and waits for any write H2 began
                ended = mine;
            } catch (MVStoreException e) {
                closed(e);
            } finally {
                lock.unlock();
            }
        }

        /**
         * The store closed before it wrote the commit: fine when it was closed as a database closes
         * ({@code SHUTDOWN}, the service's stop), which writes what was committed first; an error
         * when it was closed because a write failed.
         */
        private void closed(MVStoreException failure) throws SQLException {
            MVStoreException panic = store.getPanicException();
            if (store.isClosed() && panic == null) {
                return;
            }
            MVStoreException cause = panic != null ? panic : failure;
            throw new SQLException(
                    "the embedded database could not write its file: " + cause.getMessage(),
                    String.valueOf(IO_EXCEPTION),
                    IO_EXCEPTION,
                    cause);
        }
    }

    /** A connection whose commits, and statements in auto-commit mode, wait for the file. */
    private static final class Commits implements InvocationHandler {
        private final Writes writes;
        private final Connection target;
        /** The connection's auto-commit mode, as set through it (a pool hands it over in its default). */
        private boolean autoCommit;
        /** The connection as its users see it, which its statements give back. */
        private Connection self;
        /** Whether the open transaction executed anything but a query. */
        private boolean changed;

        Commits(Writes writes, Connection target, boolean autoCommit) {
            this.writes = writes;
            this.target = target;
            this.autoCommit = autoCommit;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "commit" -> {
                    target.commit();
                    written();
                    return null;
                }
                case "rollback" -> {
                    call(method, args);
                    if (args == null) {
                        changed = false;
                    }
                    return null;
                }
                case "setAutoCommit" -> {
                    boolean on = (Boolean) args[0];
                    boolean was = autoCommit;
                    target.setAutoCommit(on);
                    autoCommit = on;
                    if (on && !was) {
                        written(); // switching auto-commit on commits the open transaction
                    }
                    return null;
                }
                case "createStatement", "prepareStatement", "prepareCall" -> {
                    Statement statement = (Statement) call(method, args);
                    return Proxy.newProxyInstance(
                            Connection.class.getClassLoader(),
                            new Class<?>[] {method.getReturnType()},
                            new Executes(this, statement));
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                default -> {
                    return call(method, args);
                }
            }
        }

        private Object call(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** A statement other than a query was executed on this connection. */
        void executed() throws SQLException {
            changed = true;
            if (autoCommit) {
                written(); // committed as it ended
            }
        }

        /** The transaction was committed: when it changed anything, waits for the file. */
        private void written() throws SQLException {
            if (!changed) {
                return;
            }
            changed = false;
            writes.await();
        }
    }

    /** A statement that tells its connection when it executed anything but a query. */
    private record Executes(Commits connection, Statement target) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "getConnection" -> {
                    return connection.self;
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                default -> {
                    // nothing here
                }
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (name.startsWith("execute") && !name.equals("executeQuery")) {
                connection.executed();
            }
            return result;
        }
    }
}
