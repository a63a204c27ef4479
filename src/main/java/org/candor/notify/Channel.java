package org.candor.notify;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * A PostgreSQL notification channel: what is announced on it inside a transaction reaches every
 * connection listening on it when (and only if) the transaction commits. On any other database
 * nothing is announced and nobody listens: the users of a channel poll.
 *
 * @param name the channel's name (an SQL identifier)
 * @param subject what is announced, for the log ("rule changes", "impact jobs")
 */
public record Channel(String name, String subject) {

    private static final Logger log = LoggerFactory.getLogger(Channel.class);

    public Channel {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a channel name: " + name);
        }
    }

    /** Whether the data source is PostgreSQL, the one database here that announces and listens. */
    public static boolean notifies(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
            return "PostgreSQL".equalsIgnoreCase(product);
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("cannot tell which database this is", e);
        }
    }

    /** Announces {@code payload} on this channel; delivered when the caller's transaction commits. */
    public void announce(JdbcClient jdbc, String payload) {
        jdbc.sql("SELECT pg_notify(:channel, :payload)")
                .param("channel", name)
                .param("payload", payload)
                .query((rs, row) -> 1)
                .list();
    }

    /**
     * A listener on a connection of its own, opened by {@link Listener#open()} and opened again by
     * its owner after it is lost; {@code application} names the connection in {@code
     * pg_stat_activity}.
     */
    public Listener listen(DataSourceProperties dataSource, String application) {
        return new Listener(this, dataSource, application);
    }

    /**
     * One listening connection, used by one thread (its owner's loop); {@link #close()} may come
     * from another thread to end a wait. A failure to open it or its loss is logged once, until it
     * listens again.
     */
    public static final class Listener implements AutoCloseable {
        private final Channel channel;
        private final DataSourceProperties dataSource;
        private final String application;
        private volatile Connection connection;
        private boolean warned;

        private Listener(Channel channel, DataSourceProperties dataSource, String application) {
            this.channel = channel;
            this.dataSource = dataSource;
            this.application = application;
        }

        /** Whether the listening connection is open now. */
        public boolean listening() {
            return connection != null;
        }

        /**
         * Opens the listening connection when it is not open; returns whether it listens now. When
         * it cannot be opened, the owner polls meanwhile and tries again later.
         */
        public boolean open() {
            if (connection != null) {
                return true;
            }
            Properties p = new Properties();
            p.setProperty("user", dataSource.determineUsername());
            String password = dataSource.determinePassword();
            if (password != null) {
                p.setProperty("password", password);
            }
            p.setProperty("ApplicationName", application);
            try {
                Connection c = DriverManager.getConnection(dataSource.determineUrl(), p);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel.name());
                }
                connection = c;
                log.info("listening for {} on {}", channel.subject(), channel.name());
                warned = false;
                return true;
            } catch (SQLException e) {
                if (!warned) {
                    log.warn("cannot listen for {} ({}); polling until it can", channel.subject(), e.getMessage());
                    warned = true;
                }
                return false;
            }
        }

        /**
         * Waits up to {@code millis} for notifications and returns how many arrived (0 after the
         * wait). Returns -1 at once when it does not listen, and -1 when the connection is lost
         * during the wait (it is closed then: {@link #open()} opens it again).
         */
        public int await(int millis) {
            Connection c = connection;
            if (c == null) {
                return -1;
            }
            try {
                PGNotification[] received = c.unwrap(PGConnection.class).getNotifications(Math.max(1, millis));
                return received == null ? 0 : received.length;
            } catch (SQLException e) {
                if (connection != null && !warned) {
                    log.warn(
                            "lost the connection listening for {} ({}); opening it again",
                            channel.subject(),
                            e.getMessage());
                    warned = true;
                }
                close();
                return -1;
            }
        }

        @Override
        public void close() {
            Connection c = connection;
            connection = null;
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException e) {
                    log.debug("closing the connection listening on {}: {}", channel.name(), e.toString());
                }
            }
        }
    }
}
